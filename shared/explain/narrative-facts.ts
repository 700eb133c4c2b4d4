import { normalizeName } from '../codes/classification.ts';
import type { Disclosure, TableRow } from '../disclosure/model.ts';
import { T1_LINES as L1, T4_LINES as L4 } from '../disclosure/table-layouts.ts';
import type { Dec } from '../money/amount.ts';
import type { Supplement } from '../supplement/model.ts';
import { nonZeroBasicItems } from './explain-basic-expenditure.ts';
import { cell, lineValue, rowsOf, t6Value, t9Value, totalValue } from './figures.ts';
import { decOrNull, sumDec } from './format.ts';
import type { PreviousFigures } from './previous-year.ts';

/**
 * What a unit's text may quote, computed once from the tables and the supplement: the figures themselves, the
 * figures a named total must equal, the wholes a share can be of, the year-on-year pairs and the 年初预算 rates
 * (RULES.md “Narrative text”).
 */
export interface NarrativeFacts {
  /** Every amount a text may quote (as `toFixed()` keys): table cells, supplied amounts, differences and sums. */
  amounts: Set<string>;
  /** Totals a text names explicitly (`基本支出501.59万元`): the label and the figures it may equal. */
  labelled: { label: string; pattern: RegExp; values: Dec[] }[];
  /** Wholes a share (占…%) may be taken of. */
  wholes: Dec[];
  /** Year-on-year pairs, last year → this year. */
  changes: { label: string; current: Dec; previous: Dec }[];
  /** 决算 and 年初预算 by 项 (name as printed), and overall. */
  /** 年初预算 by 项, with 全年预算 (`adjusted`) where the unit gave it. */
  itemBudgets: { code: string; name: string; budget: Dec; adjusted: Dec | null; actual: Dec }[];
  /** Σ 年初预算, and Σ 全年预算 when every 项 has one. */
  overallBudget: { budget: Dec; adjusted: Dec | null; actual: Dec } | null;
  /** T6 rows by side, for the “主要包括” lists. */
  basicRows: Record<'personnel' | 'public', TableRow[]>;
  basicNonZero: Record<'personnel' | 'public', TableRow[]>;
  /** Normalized names of every 功能分类 项 the tables print. */
  itemNames: Set<string>;
}

const key = (v: Dec) => v.toFixed();

function tableAmounts(d: Disclosure): Dec[] {
  return Object.values(d.tables).flatMap((t) =>
    (t?.rows ?? []).flatMap((r) => Object.values(r.cells).map((f) => f.value)),
  );
}

function supplementAmounts(s: Supplement | null): Dec[] {
  if (!s) return [];
  const texts = [
    ...Object.values(s.previousYear),
    ...s.budgets.map((b) => b.budget),
    ...s.budgets.flatMap((b) => (b.adjustedBudget ? [b.adjustedBudget] : [])),
    s.operatingCost,
    ...Object.values(s.procurement),
    ...s.performance.evaluations.flatMap((e) => [e.budget, e.actual]),
  ];
  return texts.map((t) => decOrNull(t)).filter((v): v is Dec => v !== null);
}

function labelled(d: Disclosure): NarrativeFacts['labelled'] {
  const entry = (label: string, pattern: RegExp, values: Dec[]) => ({ label, pattern, values });
  return [
    entry('财政拨款收、支总计', /财政拨款收[、，,]?支总计/, [
      lineValue(d, 'T4', L4.grandTotalIncome, 1),
      lineValue(d, 'T4', L4.grandTotalExpense, 2),
    ]),
    entry('收、支总计', /(?<!财政拨款)收[、，,]?支总计/, [
      lineValue(d, 'T1', L1.grandTotalIncome, 1),
      lineValue(d, 'T1', L1.grandTotalExpense, 2),
    ]),
    entry('收入合计', /收入合计/, [lineValue(d, 'T1', L1.incomeTotal, 1), totalValue(d, 'T2', 1)]),
    entry('支出合计', /支出合计/, [lineValue(d, 'T1', L1.expenseTotal, 2), totalValue(d, 'T3', 1)]),
    entry('基本支出', /基本支出/, [totalValue(d, 'T3', 2), totalValue(d, 'T5', 2)]),
    entry('项目支出', /项目支出/, [totalValue(d, 'T3', 3), totalValue(d, 'T5', 3)]),
    entry('人员经费', /人员经费(?:合计)?/, [t6Value(d, 'personnel-total')]),
    entry('公用经费', /公用经费(?:合计)?/, [t6Value(d, 'public-total')]),
    entry('一般公共预算财政拨款支出', /一般公共预算财政拨款支出/, [
      totalValue(d, 'T5', 1),
      lineValue(d, 'T4', L4.expenseTotal, 3),
    ]),
    entry('一般公共预算财政拨款收入', /一般公共预算财政拨款收入/, [
      lineValue(d, 'T4', L4.generalBudgetIncome, 1),
      lineValue(d, 'T1', L1.generalBudgetIncome, 1),
    ]),
    entry('“三公”经费', /三公”?经费(?:财政拨款)?支出/, [t9Value(d, 7)]),
  ];
}

function changes(d: Disclosure, s: Supplement | null, prev: PreviousFigures | null): NarrativeFacts['changes'] {
  if (prev === null) return [];
  const pairs: [string, Dec | null, Dec | null][] = [
    ['收入总计', lineValue(d, 'T1', L1.grandTotalIncome, 1), prev.totalIncome],
    ['支出总计', lineValue(d, 'T1', L1.grandTotalExpense, 2), prev.totalExpenditure],
    ['财政拨款收支总计', lineValue(d, 'T4', L4.grandTotalIncome, 1), prev.fiscalTotal],
    ['一般公共预算财政拨款收入', lineValue(d, 'T4', L4.generalBudgetIncome, 1), prev.generalBudgetIncome],
    ['一般公共预算财政拨款支出', totalValue(d, 'T5', 1), prev.generalBudgetExpenditure],
    ['“三公”经费', t9Value(d, 7), prev.threePublic],
    ['机关运行经费', decOrNull(s?.operatingCost), prev.operatingCost],
  ];
  return pairs
    .filter((x): x is [string, Dec, Dec] => x[1] !== null && x[2] !== null)
    .map(([label, current, previous]) => ({ label, current, previous }));
}

function budgets(d: Disclosure, s: Supplement | null): Pick<NarrativeFacts, 'itemBudgets' | 'overallBudget'> {
  const list = s?.budgets ?? [];
  const itemBudgets = list.flatMap((b) => {
    const budget = decOrNull(b.budget);
    const row = rowsOf(d, 'T5').find((r) => r.code === b.code);
    if (budget === null) return [];
    const adjusted = decOrNull(b.adjustedBudget);
    return [{ code: b.code, name: row?.name ?? b.name ?? b.code, budget, adjusted, actual: cell(row, 1) }];
  });
  const adjustedAll = itemBudgets.every((i) => i.adjusted !== null);
  const overallBudget =
    itemBudgets.length > 0
      ? {
          budget: sumDec(itemBudgets.map((i) => i.budget)),
          adjusted: adjustedAll ? sumDec(itemBudgets.map((i) => i.adjusted as Dec)) : null,
          actual: totalValue(d, 'T5', 1),
        }
      : null;
  return { itemBudgets, overallBudget };
}

export function buildNarrativeFacts(d: Disclosure, s: Supplement | null, prev: PreviousFigures | null): NarrativeFacts {
  const changeList = changes(d, s, prev);
  const budgetFacts = budgets(d, s);
  const all = [
    ...tableAmounts(d),
    ...supplementAmounts(s),
    ...changeList.map((c) => c.current.minus(c.previous).abs()),
    ...(budgetFacts.overallBudget ? [budgetFacts.overallBudget.budget] : []),
    ...(budgetFacts.overallBudget?.adjusted ? [budgetFacts.overallBudget.adjusted] : []),
  ];
  const evaluations = s?.performance.evaluations ?? [];
  const evaluated = sumDec(
    evaluations.map((e) => decOrNull(e.actual) ?? decOrNull(e.budget)).filter((v): v is Dec => v !== null),
  );
  all.push(evaluated);
  const wholes = [
    lineValue(d, 'T1', L1.incomeTotal, 1),
    lineValue(d, 'T1', L1.expenseTotal, 2),
    lineValue(d, 'T1', L1.grandTotalIncome, 1),
    totalValue(d, 'T2', 1),
    totalValue(d, 'T3', 1),
    totalValue(d, 'T5', 1),
    totalValue(d, 'T5', 2),
    totalValue(d, 'T5', 3),
    t6Value(d, 'personnel-total').plus(t6Value(d, 'public-total')),
    t9Value(d, 7),
    ...[s?.procurement.total, s?.procurement.sme].map((t) => decOrNull(t)).filter((v): v is Dec => v !== null),
  ].filter((v) => !v.isZero());
  const side = (x: 'personnel' | 'public') => rowsOf(d, 'T6').filter((r) => r.side === x && r.kind !== 'econ-total');
  const itemNames = new Set<string>();
  for (const id of ['T2', 'T3', 'T5', 'T7', 'T8'] as const) {
    for (const r of rowsOf(d, id)) if (r.kind === 'xiang') itemNames.add(normalizeName(r.name));
  }
  return {
    amounts: new Set(all.map(key)),
    labelled: labelled(d),
    wholes,
    changes: changeList,
    ...budgetFacts,
    basicRows: { personnel: side('personnel'), public: side('public') },
    basicNonZero: { personnel: nonZeroBasicItems(d, 'personnel'), public: nonZeroBasicItems(d, 'public') },
    itemNames,
  };
}
