import { T1_LINES as L1, T4_LINES as L4 } from '../disclosure/table-layouts.ts';
import type { Dec } from '../money/amount.ts';
import {
  type Block,
  type ChartSpec,
  type ExplainContext,
  type ExplainedSection,
  missing,
  p,
} from './explanation-model.ts';
import { lineValue, totalValue } from './figures.ts';
import { amountText, change, changeText, reasonClause } from './format.ts';

/** 情况说明 一 (收入支出决算总体) and 四 (财政拨款收入支出决算总体): totals and their change on last year. */

const NO_PREVIOUS = '本单位未提供上年度决算数，本节不列示与上年的比较。';

/** `与2022年度相比，收、支总计各减少45.24万元，下降6.6%，主要原因是…。` (null: last year unknown). */
export function yearComparison(
  ctx: ExplainContext,
  subject: string,
  current: Dec,
  previous: Dec | null,
  reason: string | null | undefined,
  each = false,
): string | null {
  if (previous === null || ctx.previous === null) return null;
  const c = change(current, previous);
  const py = `${ctx.previous.year}年度`;
  if (c.kind === 'flat') return `与${py}相比，${subject}持平。`;
  const why = reasonClause(reason);
  return `与${py}相比，${subject}${changeText(c, each)}${why ? `，${why}` : ''}。`;
}

export function explainOverall(ctx: ExplainContext): ExplainedSection {
  const d = ctx.disclosure;
  const income = lineValue(d, 'T1', L1.grandTotalIncome, 1);
  const expenditure = lineValue(d, 'T1', L1.grandTotalExpense, 2);
  const prev = ctx.previous;
  const blocks: Block[] = [];
  const reason = ctx.supplement?.reasons.totals;
  if (income.equals(expenditure)) {
    const prevTotal = prev?.totalIncome ?? prev?.totalExpenditure ?? null;
    const cmp = yearComparison(ctx, '收、支总计', income, prevTotal, reason, true);
    blocks.push(p(`${ctx.year}年度收、支总计${amountText(income)}万元。${cmp ?? ''}`));
    if (cmp === null) blocks.push(missing(NO_PREVIOUS));
  } else {
    const a = yearComparison(ctx, '收入总计', income, prev?.totalIncome ?? null, null);
    const b = yearComparison(ctx, '支出总计', expenditure, prev?.totalExpenditure ?? null, reason);
    blocks.push(
      p(
        `${ctx.year}年度收入总计${amountText(income)}万元，支出总计${amountText(expenditure)}万元。${a ?? ''}${b ?? ''}`,
      ),
    );
    if (a === null && b === null) blocks.push(missing(NO_PREVIOUS));
  }
  const chart = yearOnYearChart(ctx);
  if (chart) blocks.push({ kind: 'chart', chart });
  return { id: 's1', number: '一', title: '收入支出决算总体情况说明', blocks };
}

/** Last year beside this year for the totals the unit can compare (only when last year's figures are known). */
function yearOnYearChart(ctx: ExplainContext): ChartSpec | null {
  const prev = ctx.previous;
  if (prev === null) return null;
  const d = ctx.disclosure;
  const pairs: [string, Dec | null, Dec][] = [
    ['收入总计', prev.totalIncome, lineValue(d, 'T1', L1.grandTotalIncome, 1)],
    ['支出总计', prev.totalExpenditure, lineValue(d, 'T1', L1.grandTotalExpense, 2)],
    ['财政拨款收支总计', prev.fiscalTotal, lineValue(d, 'T4', L4.grandTotalIncome, 1)],
    ['一般公共预算财政拨款支出', prev.generalBudgetExpenditure, totalValue(d, 'T5', 1)],
  ];
  const categories = pairs
    .filter((x): x is [string, Dec, Dec] => x[1] !== null)
    .map(([label, before, now]) => ({ label, values: [before, now] }));
  if (categories.length === 0) return null;
  const first = categories[0];
  const summary = first
    ? `${first.label}由${prev.year}年度的${amountText(first.values[0] as Dec)}万元变为${ctx.year}年度的${amountText(first.values[1] as Dec)}万元。`
    : '';
  return {
    id: 'chart-year-on-year',
    title: `${prev.year}年度与${ctx.year}年度决算对比（万元）`,
    description: summary,
    series: [`${prev.year}年度`, `${ctx.year}年度`],
    categories,
  };
}

export function explainFiscalTotals(ctx: ExplainContext): ExplainedSection {
  const d = ctx.disclosure;
  const income = lineValue(d, 'T4', L4.grandTotalIncome, 1);
  const expenditure = lineValue(d, 'T4', L4.grandTotalExpense, 2);
  const prev = ctx.previous;
  const reasons = ctx.supplement?.reasons;
  const blocks: Block[] = [];
  if (income.equals(expenditure)) {
    const cmp = yearComparison(
      ctx,
      '财政拨款收、支总计',
      income,
      prev?.fiscalTotal ?? null,
      reasons?.fiscalTotals,
      true,
    );
    blocks.push(p(`${ctx.year}年度财政拨款收、支总计${amountText(income)}万元。${cmp ?? ''}`));
    if (cmp === null) blocks.push(missing(NO_PREVIOUS));
  } else {
    const cmp = yearComparison(ctx, '财政拨款收入总计', income, prev?.fiscalTotal ?? null, reasons?.fiscalTotals);
    blocks.push(
      p(
        `${ctx.year}年度财政拨款收入总计${amountText(income)}万元，财政拨款支出总计${amountText(expenditure)}万元。${cmp ?? ''}`,
      ),
    );
  }
  const general = lineValue(d, 'T4', L4.generalBudgetIncome, 1);
  const parts = [`一般公共预算财政拨款收入${amountText(general)}万元`];
  const fund = lineValue(d, 'T4', L4.governmentFundIncome, 1);
  const capital = lineValue(d, 'T4', L4.stateCapitalIncome, 1);
  if (!fund.isZero()) parts.push(`政府性基金预算财政拨款收入${amountText(fund)}万元`);
  if (!capital.isZero()) parts.push(`国有资本经营预算财政拨款收入${amountText(capital)}万元`);
  const cmp = yearComparison(
    ctx,
    '一般公共预算财政拨款收入',
    general,
    prev?.generalBudgetIncome ?? null,
    reasons?.generalBudgetIncome,
  );
  blocks.push(p(`${ctx.year}年度财政拨款收入中，${parts.join('，')}。${cmp ?? ''}`));
  return { id: 's4', number: '四', title: '财政拨款收入支出决算总体情况说明', blocks };
}
