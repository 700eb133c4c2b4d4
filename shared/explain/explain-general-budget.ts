import type { TableRow } from '../disclosure/model.ts';
import { T1_LINES as L1 } from '../disclosure/table-layouts.ts';
import type { Dec } from '../money/amount.ts';
import type { BudgetLine } from '../supplement/model.ts';
import { trimEndChars } from '../text/linear.ts';
import { yearComparison } from './explain-totals.ts';
import {
  type Block,
  type ChartSpec,
  type ExplainContext,
  type ExplainedSection,
  missing,
  p,
  sub,
} from './explanation-model.ts';
import { cell, lineValue, rowsOfKind, totalValue, xiangPath } from './figures.ts';
import { amountText, decOrNull, percentText, ratio, reasonClause, sumDec } from './format.ts';

/** 情况说明 五: 一般公共预算财政拨款支出 — total and change (一), by 类 (二), by 项 against 年初预算 (三). */

export function explainGeneralBudget(ctx: ExplainContext): ExplainedSection {
  return {
    id: 's5',
    number: '五',
    title: '一般公共预算财政拨款支出决算情况说明',
    blocks: [
      sub('（一）一般公共预算财政拨款支出决算总体情况', overall(ctx)),
      sub('（二）一般公共预算财政拨款支出决算结构情况', structure(ctx)),
      sub('（三）一般公共预算财政拨款支出决算具体情况', detail(ctx)),
    ],
  };
}

function overall(ctx: ExplainContext): Block[] {
  const total = totalValue(ctx.disclosure, 'T5', 1);
  const all = lineValue(ctx.disclosure, 'T1', L1.expenseTotal, 2);
  const share = ratio(total, all);
  const cmp = yearComparison(
    ctx,
    '一般公共预算财政拨款支出',
    total,
    ctx.previous?.generalBudgetExpenditure ?? null,
    ctx.supplement?.reasons.generalBudgetExpenditure,
  );
  const head = `${ctx.year}年度一般公共预算财政拨款支出${amountText(total)}万元${share ? `，占本年支出合计的${percentText(share)}%` : ''}。`;
  return [p(`${head}${cmp ?? ''}`)];
}

/** Non-zero 项 rows of T5 under a code prefix. */
function xiangUnder(ctx: ExplainContext, prefix: string): TableRow[] {
  return rowsOfKind(ctx.disclosure, 'T5', 'xiang').filter((r) => r.code?.startsWith(prefix) && !cell(r, 1).isZero());
}

function structure(ctx: ExplainContext): Block[] {
  const total = totalValue(ctx.disclosure, 'T5', 1);
  const lei = rowsOfKind(ctx.disclosure, 'T5', 'lei').filter((r) => !cell(r, 1).isZero());
  if (total.isZero() || lei.length === 0) return [p(`本单位${ctx.year}年度无一般公共预算财政拨款支出。`)];
  const items = lei.map((r) => {
    const share = ratio(cell(r, 1), total);
    const uses = xiangUnder(ctx, r.code ?? '').map((x) => x.name);
    const use = uses.length > 0 ? `，主要用于${uses.join('、')}` : '';
    return `${r.name}（类）${amountText(cell(r, 1))}万元${share ? `，占${percentText(share)}%` : ''}${use}。`;
  });
  const chart: ChartSpec = {
    id: 'chart-by-lei',
    title: `${ctx.year}年度一般公共预算财政拨款支出按功能分类（类）（万元）`,
    description: `合计${amountText(total)}万元，分${lei.length}个功能分类类级科目：${lei.map((r) => `${r.name}${amountText(cell(r, 1))}万元`).join('，')}。`,
    series: ['决算数'],
    categories: lei.map((r) => ({ label: r.name, values: [cell(r, 1)] })),
  };
  return [
    p(`${ctx.year}年度一般公共预算财政拨款支出${amountText(total)}万元，主要用于以下方面：`),
    { kind: 'list', items },
    { kind: 'chart', chart },
  ];
}

interface ItemLine {
  code: string;
  name: string | null;
  actual: Dec;
  budget: BudgetLine | null;
}

/** Every 项 with spending or a 年初预算, in code order. */
function itemLines(ctx: ExplainContext): ItemLine[] {
  const budgets = ctx.supplement?.budgets ?? [];
  const byCode = new Map<string, ItemLine>();
  for (const r of rowsOfKind(ctx.disclosure, 'T5', 'xiang')) {
    if (r.code === null) continue;
    byCode.set(r.code, { code: r.code, name: r.name, actual: cell(r, 1), budget: null });
  }
  for (const b of budgets) {
    const line = byCode.get(b.code);
    if (line) line.budget = b;
    else if (!(decOrNull(b.budget)?.isZero() ?? true)) {
      byCode.set(b.code, { code: b.code, name: b.name, actual: cell(undefined, 1), budget: b });
    }
  }
  return [...byCode.values()]
    .filter((l) => !l.actual.isZero() || l.budget !== null)
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * `年初预算为X万元，全年预算为Y万元，支出决算为A万元，完成全年预算的Z%` — against 全年预算 (the budget after
 * adjustment) when the unit gives it, else `…完成年初预算的Z%`. A zero budget gets neither a completion rate nor a
 * comparison (RULES.md “Narrative text”): `年初未安排预算` / `全年预算为0.00万元`, and no 大于/小于 clause.
 */
function budgetClause(
  initial: Dec,
  adjusted: Dec | null,
  actual: Dec,
  reason: string | null | undefined,
  actualLabel: string,
): string {
  const reference = adjusted ?? initial;
  const which = adjusted === null ? '年初预算' : '全年预算';
  const budgets =
    adjusted === null
      ? `年初预算为${amountText(initial)}万元`
      : `年初预算为${amountText(initial)}万元，全年预算为${amountText(adjusted)}万元`;
  const base = `${budgets}，${actualLabel}为${amountText(actual)}万元`;
  const r = ratio(actual, reference);
  if (r === null) return `${base}，${adjusted === null ? '年初未安排预算' : '全年未安排预算'}`;
  const cmp = actual.comparedTo(reference);
  const why = reasonClause(reason);
  const diff = cmp === 0 || why === null ? '' : `，支出决算数${cmp < 0 ? '小于' : '大于'}${which}数${why}`;
  return `${base}，完成${which}的${percentText(r)}%${diff}`;
}

function itemSentence(ctx: ExplainContext, line: ItemLine): string {
  const head = `${xiangPath(ctx.disclosure, line.code, line.name)}。`;
  const budget = decOrNull(line.budget?.budget);
  if (budget === null) return `${head}支出决算为${amountText(line.actual)}万元（单位未提供年初预算数）。`;
  const adjusted = decOrNull(line.budget?.adjustedBudget);
  return `${head}${budgetClause(budget, adjusted, line.actual, line.budget?.reason, '支出决算')}。`;
}

function detail(ctx: ExplainContext): Block[] {
  const d = ctx.disclosure;
  const total = totalValue(d, 'T5', 1);
  const basic = totalValue(d, 'T5', 2);
  const project = totalValue(d, 'T5', 3);
  const lines = itemLines(ctx);
  const budgets = lines.map((l) => decOrNull(l.budget?.budget));
  const adjusted = lines.map((l) => decOrNull(l.budget?.adjustedBudget));
  const blocks: Block[] = [];
  const split = `其中：基本支出${amountText(basic)}万元，项目支出${amountText(project)}万元。`;
  const use = ctx.supplement?.projectUse ? `项目支出主要用于${trimStop(ctx.supplement.projectUse)}。` : '';
  if (lines.length === 0 || budgets.some((b) => b === null)) {
    blocks.push(p(`${ctx.year}年度一般公共预算财政拨款支出决算为${amountText(total)}万元。${split}${use}`));
    blocks.push(missing('本单位未完整提供按项级科目的年初预算数，部分科目不列示完成年初预算的比例。'));
  } else {
    const budgetTotal = sumDec(budgets as Dec[]);
    // The total 全年预算 only when every 项 has one: a partial sum would be neither budget.
    const adjustedTotal = adjusted.every((a) => a !== null) ? sumDec(adjusted as Dec[]) : null;
    const clause = budgetClause(budgetTotal, adjustedTotal, total, ctx.supplement?.reasons.budgetExecution, '支出决算');
    blocks.push(p(`${ctx.year}年度一般公共预算财政拨款支出${clause}。${split}${use}`));
  }
  if (lines.length > 0) blocks.push({ kind: 'list', items: lines.map((l) => itemSentence(ctx, l)) });
  return blocks;
}

function trimStop(text: string): string {
  // trimEndChars, not /[。．.]+$/: the regular expression is quadratic on a long run of stops (issue 11).
  return trimEndChars(text.trim().replace(/^主要用于/, ''), '。．.');
}
