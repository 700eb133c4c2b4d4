import { functionalLeiCodeForLabel, T1_EXPENSE_LEI } from '../codes/classification.ts';
import { finding } from '../disclosure/finding.ts';
import type { DisclosureTable, Figure } from '../disclosure/model.ts';
import {
  COLUMN_LABELS,
  LEI_FIRST_LINE,
  lineKey,
  normalizeLabel,
  T1_EXPENSE_FIXED,
  T1_INCOME_LINES,
  T4_EXPENSE_FIXED,
  T4_FUNDS,
  T4_INCOME_FIXED,
  T4_LINES,
} from '../disclosure/table-layouts.ts';
import {
  addNote,
  type Context,
  columnLetter,
  findColumnNumbers,
  headerStacks,
  holdsAmount,
  integerCell,
  lastColumn,
  layoutProblem,
  makeTable,
  matchText,
  noteOf,
  readFigure,
} from './read-table-common.ts';
import { address, cellText } from './sheet-grid.ts';

/**
 * T1 收入支出决算总表 and T4 财政拨款收入支出决算总表: an income side and an expense side next to each other, rows
 * identified by their labels (so 24- and 26-row layouts, printed 行次 or none, all land on the canonical 行次 of
 * RULES.md §1). The two label columns are found by what they hold — the first income line and the first 类 — and
 * the amount columns by their header text (决算数/金额; 合计 / 一般公共预算 / 政府性基金 / 国有资本经营 in T4), or
 * by the 栏次 row where the table prints one.
 */

interface Side {
  side: 'income' | 'expense';
  labelCol: number;
  lineCol: number | null;
  /** column → 栏次 */
  amounts: [number, number][];
}

/** Whether a normalized label is one of the income lines / expense lines this table knows. */
function incomeLabel(id: 'T1' | 'T4', norm: string): boolean {
  if (id === 'T1') return T1_INCOME_LINES.has(norm);
  return T4_FUNDS.some((f) => norm === f || norm === `${f}收入`) || T4_INCOME_FIXED.has(norm);
}

function expenseLabel(id: 'T1' | 'T4', label: string, norm: string): boolean {
  return (id === 'T1' ? T1_EXPENSE_FIXED : T4_EXPENSE_FIXED).has(norm) || functionalLeiCodeForLabel(label) !== null;
}

/** T4 expense header text → 栏次 (2 合计, 3 一般公共预算, 4 政府性基金, 5 国有资本经营). */
function t4ExpenseColumn(stack: string): number | null {
  if (stack.includes('一般公共预算')) return 3;
  if (stack.includes('政府性基金')) return 4;
  if (stack.includes('国有资本')) return 5;
  if (/合计|小计|决算数|金额/.test(stack)) return 2;
  return null;
}

export function readTwoSidedTable(ctx: Context): DisclosureTable {
  const { grid, header } = ctx;
  const id = header.id as 'T1' | 'T4';
  const table = makeTable(ctx, COLUMN_LABELS[id]);
  const last = lastColumn(grid);

  // Label columns, found by content: the column holding the most income lines and the one holding the most
  // expense lines (T4's header also names the three funds over its expense columns, so one hit is not enough).
  const incomeHits = new Map<number, number>();
  const expenseHits = new Map<number, number>();
  const scanTo = Math.min(grid.rowCount, header.titleRow + 80);
  for (let r = header.titleRow + 1; r <= scanTo; r++) {
    for (let c = 1; c <= last; c++) {
      const label = matchText(grid, r, c);
      if (!label || /^\d/.test(label)) continue;
      const norm = normalizeLabel(label);
      if (incomeLabel(id, norm)) incomeHits.set(c, (incomeHits.get(c) ?? 0) + 1);
      else if (expenseLabel(id, label, norm)) expenseHits.set(c, (expenseHits.get(c) ?? 0) + 1);
    }
  }
  const best = (hits: Map<number, number>) =>
    [...hits.entries()].reduce<[number, number] | null>(
      (top, e) => (top === null || e[1] > top[1] ? e : top),
      null,
    )?.[0] ?? null;
  const incomeCol = best(incomeHits);
  const expenseCol = best(expenseHits);
  let firstData: number | null = null;
  for (
    let r = header.titleRow + 1;
    r <= scanTo && firstData === null && incomeCol !== null && expenseCol !== null;
    r++
  ) {
    const income = normalizeLabel(matchText(grid, r, incomeCol));
    const expense = matchText(grid, r, expenseCol);
    if (incomeLabel(id, income) || expenseLabel(id, expense, normalizeLabel(expense))) firstData = r;
  }
  if (incomeCol === null || expenseCol === null || firstData === null || expenseCol <= incomeCol) {
    layoutProblem(
      ctx,
      `未找到收入、支出两侧的项目列：应有一列以“${id === 'T1' ? '一般公共预算财政拨款收入' : '一般公共预算财政拨款'}”等收入项目开始，其右侧一列以“一般公共服务支出”等支出功能分类开始。请使用官方表样。`,
      header.titleRow + 1,
      1,
    );
    return table;
  }
  const headerEnd = firstData - 1;
  const numbers = findColumnNumbers(grid, header.titleRow + 1, headerEnd);
  const stacks = headerStacks(grid, header.titleRow + 1, headerEnd);
  const isLineCol = (c: number) => (stacks.get(c) ?? []).some((t) => t.includes('行次'));

  const sideOf = (side: 'income' | 'expense', from: number, to: number): Side => {
    let lineCol: number | null = null;
    for (let c = from + 1; c <= to; c++) if (lineCol === null && isLineCol(c)) lineCol = c;
    let amounts: [number, number][] = [];
    if (numbers) amounts = [...numbers.columns.entries()].filter(([c]) => c > from && c <= to);
    else {
      for (let c = from + 1; c <= to; c++) {
        if (c === lineCol) continue;
        const stack = (stacks.get(c) ?? []).join('|');
        if (side === 'income') {
          if (/决算数|金额|合计|本年数|收入/.test(stack) || stack === '') amounts.push([c, 1]);
        } else if (id === 'T1') {
          if (/决算数|金额|合计|本年数|支出/.test(stack) || stack === '') amounts.push([c, 2]);
        } else {
          const n = t4ExpenseColumn(stack);
          if (n !== null) amounts.push([c, n]);
        }
      }
      // Blank-headed columns count only when they hold figures: keep the first of each 栏次.
      const seen = new Set<number>();
      amounts = amounts.filter(([c, n]) => {
        if (seen.has(n)) return false;
        const used = (stacks.get(c) ?? []).length > 0 || columnHoldsFigures(c);
        if (used) seen.add(n);
        return used;
      });
    }
    return { side, labelCol: from, lineCol, amounts };
  };
  const columnHoldsFigures = (c: number) => {
    for (let r = firstData; r <= Math.min(grid.rowCount, firstData + 40); r++) {
      const cell = grid.cell(r, c);
      if (cell.kind === 'number') return true;
    }
    return false;
  };
  const sides = [sideOf('income', incomeCol, expenseCol - 1), sideOf('expense', expenseCol, last)];
  ctx.reading.layout = `${numbers ? '按栏次行识别各栏' : '按表头文字识别各栏（无栏次行）'}；${
    sides.some((s) => s.lineCol !== null) ? '有行次列' : '无行次列，按项目名称对应行次'
  }`;
  ctx.reading.headerRows = headerEnd > header.titleRow ? [header.titleRow + 1, headerEnd] : null;
  ctx.reading.columns = sides
    .flatMap((s) =>
      s.amounts.map(([c, n]) => ({ number: n, label: COLUMN_LABELS[id][n - 1] ?? `栏${n}`, column: columnLetter(c) })),
    )
    .sort((a, b) => a.number - b.number);
  const expectedExpense = id === 'T1' ? 1 : 4;
  if (sides[0] && sides[0].amounts.length !== 1) {
    layoutProblem(ctx, `收入侧应有 1 个金额栏，实际找到 ${sides[0].amounts.length} 个。`, headerEnd, incomeCol);
  }
  if (sides[1] && sides[1].amounts.length !== expectedExpense) {
    layoutProblem(
      ctx,
      `支出侧应有 ${expectedExpense} 个金额栏${id === 'T4' ? '（合计、一般公共预算财政拨款、政府性基金预算财政拨款、国有资本经营预算财政拨款）' : ''}，实际找到 ${sides[1].amounts.length} 个。`,
      headerEnd,
      expenseCol,
    );
  }

  let afterOpening = false; // T4: the three fund lines after 年初财政拨款结转和结余 are 29–31
  let afterClosing = false; // T4: … and after 年末财政拨款结转和结余, 61–63
  let notes = false;
  for (let r = firstData; r <= grid.rowCount; r++) {
    const note = noteOf(grid, r);
    if (note !== null) {
      addNote(table, note);
      notes = true;
      continue;
    }
    if (notes) continue;
    for (const side of sides) {
      const label = matchText(grid, r, side.labelCol);
      if (label === '栏次') continue;
      const printed = side.lineCol === null ? null : integerCell(grid.cell(r, side.lineCol));
      const cells: Record<number, Figure> = {};
      let hasAmount = false;
      for (const [col, n] of side.amounts) {
        const f = readFigure(ctx, r, col);
        cells[n] = f;
        if (holdsAmount(f)) hasAmount = true;
      }
      const norm = normalizeLabel(label);
      if (!norm) {
        if (hasAmount) {
          ctx.findings.push(
            finding({
              rule: 'S-02',
              severity: 'error',
              table: id,
              sheet: grid.name,
              cell: address(r, side.labelCol),
              message: `第 ${r} 行${side.side === 'income' ? '收入' : '支出'}侧有金额但没有项目名称，无法确定行次。`,
            }),
          );
        }
        continue;
      }
      let line: number | null = null;
      let code: string | null = null;
      if (side.side === 'income') {
        if (id === 'T1') line = T1_INCOME_LINES.get(norm) ?? null;
        else {
          const fund = T4_FUNDS.findIndex((f) => norm === f || norm === `${f}收入`);
          if (fund >= 0) line = (afterOpening ? T4_LINES.openingFirstFund : T4_LINES.firstIncome) + fund;
          else line = T4_INCOME_FIXED.get(norm) ?? null;
          if (line === T4_LINES.opening) afterOpening = true;
        }
      } else {
        const fixed = (id === 'T1' ? T1_EXPENSE_FIXED : T4_EXPENSE_FIXED).get(norm);
        if (fixed !== undefined) {
          line = fixed;
          if (id === 'T4' && fixed === T4_LINES.closing) afterClosing = true;
        } else if (id === 'T4' && afterClosing) {
          const fund = (T4_FUNDS as readonly string[]).indexOf(norm);
          if (fund >= 0) line = T4_LINES.closingFirstFund + fund;
        }
        if (line === null) {
          code = functionalLeiCodeForLabel(label);
          const index = code === null ? -1 : T1_EXPENSE_LEI.findIndex((l) => l.code === code);
          if (index >= 0) line = (LEI_FIRST_LINE[id] ?? 0) + index;
        }
      }
      if (line === null) {
        ctx.findings.push(
          finding({
            rule: 'S-02',
            severity: hasAmount ? 'error' : 'warning',
            table: id,
            sheet: grid.name,
            cell: address(r, side.labelCol),
            message: `无法识别的项目“${label.slice(0, 40)}”，不在本表的固定行目录中。`,
            actual: label.slice(0, 40),
          }),
        );
        continue;
      }
      const key = lineKey(line);
      if (table.rows.some((x) => x.key === key)) {
        ctx.findings.push(
          finding({
            rule: 'S-02',
            severity: 'error',
            table: id,
            sheet: grid.name,
            cell: address(r, side.labelCol),
            message: `项目“${label.slice(0, 40)}”在本表中重复出现。`,
          }),
        );
        continue;
      }
      table.rows.push({
        key,
        kind: 'line',
        code,
        name: cellText(grid.cell(r, side.labelCol)).trim(),
        line,
        printedLine: printed,
        side: side.side,
        cells,
      });
    }
  }
  table.rows.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  ctx.reading.rows = table.rows.length;
  return table;
}
