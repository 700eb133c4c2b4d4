import type { DisclosureTable, TableRow } from '../disclosure/model.ts';
import { T1_LINES, T4_LINES } from '../disclosure/table-layouts.ts';
import { type Html, html, trustedHtml } from './escape-html.ts';
import { amountCell, caption, cellId } from './table-cells.ts';

/**
 * 收入支出决算总表 (T1) and 财政拨款收入支出决算总表 (T4) in their official two-sided layout: 收入 on the left, 支出
 * on the right, one printed 行次 per side and row. Rows the workbook left out (the blank 行次 9–26 of the income side)
 * are drawn empty, as in the official table. Each amount names its headers explicitly (`headers`), because a row
 * carries two row headers, one per side.
 */

interface Layout {
  /** Last income line of the head block (T1: 8 income kinds; T4: 3 funds). */
  headMax: number;
  /** The lines after the body, in printed order (blank ones included: a row the table left out is drawn empty). */
  incomeTail: number[];
  expenseTail: number[];
  expenseCols: number[];
}

const L1 = T1_LINES;
const L4 = T4_LINES;

const LAYOUTS: Record<'T1' | 'T4', Layout> = {
  T1: {
    headMax: L1.otherIncome,
    incomeTail: [L1.incomeTotal, L1.nonFiscalBalanceUsed, L1.opening, L1.incomeBlank, L1.grandTotalIncome],
    expenseTail: [L1.expenseTotal, L1.distribution, L1.closing, L1.expenseBlank, L1.grandTotalExpense],
    expenseCols: [2],
  },
  T4: {
    headMax: L4.stateCapitalIncome,
    incomeTail: [
      L4.incomeTotal,
      L4.opening,
      L4.openingFirstFund,
      L4.openingGovernmentFund,
      L4.openingStateCapital,
      L4.grandTotalIncome,
    ],
    expenseTail: [
      L4.expenseTotal,
      L4.closing,
      L4.closingFirstFund,
      L4.closingGovernmentFund,
      L4.closingStateCapital,
      L4.grandTotalExpense,
    ],
    expenseCols: [2, 3, 4, 5],
  },
};

interface Slot {
  row: TableRow | null;
  printed: number;
}

/** Rows of one side in the official order, with the 行次 to print (printed when known, else counted on). */
function slots(rows: (TableRow | null)[], startAfter: number): Slot[] {
  let prev = startAfter;
  return rows.map((row) => {
    const printed = row?.printedLine ?? row?.line ?? prev + 1;
    prev = printed;
    return { row, printed };
  });
}

function sides(t: DisclosureTable, layout: Layout): { income: Slot[]; expense: Slot[] } {
  const byLine = (line: number) => t.rows.find((r) => r.line === line) ?? null;
  const lei = t.rows.filter((r) => r.side === 'expense' && r.code !== null);
  const body = Math.max(layout.headMax, lei.length);
  const incomeRows = [
    ...Array.from({ length: body }, (_, i) => (i < layout.headMax ? byLine(i + 1) : null)),
    ...layout.incomeTail.map(byLine),
  ];
  const income = slots(incomeRows, 0);
  const expenseRows = [...Array.from({ length: body }, (_, i) => lei[i] ?? null), ...layout.expenseTail.map(byLine)];
  return { income, expense: slots(expenseRows, income.at(-1)?.printed ?? 0) };
}

function head(t: DisclosureTable, layout: Layout): Html {
  const id = t.id;
  const inc = cellId(id, 'in');
  const exp = cellId(id, 'ex');
  const t4 = id === 'T4';
  const amountLabel = t4 ? '决算数' : '金额';
  if (!t4) {
    return html`<thead>
<tr><th id="${inc}" colspan="3" scope="colgroup">收入</th><th id="${exp}" colspan="3" scope="colgroup">支出</th></tr>
<tr><th scope="col">项目</th><th scope="col">行次</th><th id="${cellId(id, 'in', 'amt')}" scope="col">${amountLabel}</th><th scope="col">项目</th><th scope="col">行次</th><th id="${cellId(id, 'ex', 'c2')}" scope="col">${amountLabel}</th></tr>
<tr class="col-numbers"><th scope="row">栏次</th><td></td><td class="num">1</td><th scope="row">栏次</th><td></td><td class="num">2</td></tr>
</thead>`;
  }
  const fundLabels = ['合计', '一般公共预算财政拨款', '政府性基金预算财政拨款', '国有资本经营预算财政拨款'];
  return html`<thead>
<tr><th id="${inc}" colspan="3" scope="colgroup">收入</th><th id="${exp}" colspan="6" scope="colgroup">支出</th></tr>
<tr><th rowspan="2" scope="col">项目</th><th rowspan="2" scope="col">行次</th><th id="${cellId(id, 'in', 'amt')}" rowspan="2" scope="col">${amountLabel}</th><th rowspan="2" scope="col">项目</th><th rowspan="2" scope="col">行次</th><th id="${cellId(id, 'ex', 'amt')}" colspan="4" scope="colgroup">${amountLabel}</th></tr>
<tr>${layout.expenseCols.map((c, i) => html`<th id="${cellId(id, 'ex', `c${c}`)}" scope="col">${fundLabels[i]}</th>`)}</tr>
<tr class="col-numbers"><th scope="row">栏次</th><td></td><td class="num">1</td><th scope="row">栏次</th><td></td>${layout.expenseCols.map((c) => html`<td class="num">${c}</td>`)}</tr>
</thead>`;
}

function sideCells(t: DisclosureTable, slot: Slot | undefined, side: 'in' | 'ex', cols: number[]): Html {
  const row = slot?.row ?? null;
  const line = html`<td class="line">${slot?.printed ?? ''}</td>`;
  if (row === null) return html`<td></td>${line}${cols.map(() => html`<td class="num"></td>`)}`;
  const rowId = cellId(t.id, 'r', row.key);
  const group = cellId(t.id, side);
  const colHeader = (c: number) =>
    side === 'in'
      ? cellId(t.id, 'in', 'amt')
      : t.id === 'T4'
        ? `${cellId(t.id, 'ex', 'amt')} ${cellId(t.id, 'ex', `c${c}`)}`
        : cellId(t.id, 'ex', `c${c}`);
  const total = /合计|总计/.test(row.name) ? trustedHtml(' class="total"') : '';
  return html`<th scope="row" id="${rowId}"${total}>${row.name}</th>${line}${cols.map((c) => amountCell(row.cells[c], `${group} ${colHeader(c)} ${rowId}`))}`;
}

export function renderTwoSidedTable(t: DisclosureTable & { id: 'T1' | 'T4' }): Html {
  const layout = LAYOUTS[t.id];
  const { income, expense } = sides(t, layout);
  const count = Math.max(income.length, expense.length);
  const rows = Array.from(
    { length: count },
    (_, i) =>
      html`<tr>${sideCells(t, income[i], 'in', [1])}${sideCells(t, expense[i], 'ex', layout.expenseCols)}</tr>\n`,
  );
  return html`<table class="fin two-sided ${t.id.toLowerCase()}">${caption(t)}${head(t, layout)}<tbody>
${rows}</tbody></table>`;
}
