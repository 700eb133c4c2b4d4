import { finding } from '../disclosure/finding.ts';
import { address, cellText, type SheetGrid } from '../workbook/sheet-grid.ts';
import type { KeyWork } from './model.ts';
import { readAmount, readText } from './read-cells.ts';
import type { EmbeddedTable, KeyValueContext } from './read-key-value-sheet.ts';
import { BUDGET_COLUMN_LABELS, normalizeLabel } from './sheet-layout.ts';

/** The tabular parts of the supplementary sheets: 年初预算 by 项 (补充信息) and 重点工作. */

function rowIsBlank(grid: SheetGrid, r: number, width: number): boolean {
  for (let c = 1; c <= width; c++) if (cellText(grid.cell(r, c)).trim() !== '') return false;
  return true;
}

/**
 * Budget table: header `科目编码 | 科目名称 | 年初预算数 | 全年预算数 | 差异原因` (columns found by their header text;
 * templates without 全年预算数 still read), one row per 项, ends at a blank row.
 */
export const BUDGET_TABLE: EmbeddedTable = {
  starts: (label) => label === '科目编码',
  read(grid, headerRow, ctx) {
    const columns = budgetColumns(grid, headerRow);
    let r = headerRow + 1;
    const seen = new Set<string>();
    const width = Math.max(5, ...Object.values(columns).filter((c): c is number => c !== null));
    for (; r <= grid.rowCount && !rowIsBlank(grid, r, width); r++) {
      if (cellText(grid.cell(r, 1)).trim().startsWith('【')) break;
      readBudgetRow(grid, r, columns, ctx, seen);
    }
    return r;
  },
};

type BudgetColumns = Record<keyof typeof BUDGET_COLUMN_LABELS, number | null>;

/** Column of each role in the header row; the first template's positions where a header is missing. */
function budgetColumns(grid: SheetGrid, headerRow: number): BudgetColumns {
  const found: BudgetColumns = { code: null, name: null, budget: null, adjustedBudget: null, reason: null };
  for (let c = 1; c <= Math.max(grid.columnCount, 8); c++) {
    const label = normalizeLabel(cellText(grid.cell(headerRow, c)));
    if (label === '') continue;
    for (const [role, labels] of Object.entries(BUDGET_COLUMN_LABELS) as [keyof BudgetColumns, readonly string[]][]) {
      if (found[role] === null && labels.some((l) => normalizeLabel(l) === label)) found[role] = c;
    }
    if (found.reason === null && /原因/.test(label)) found.reason = c;
  }
  return {
    code: found.code ?? 1,
    name: found.name ?? 2,
    budget: found.budget ?? 3,
    adjustedBudget: found.adjustedBudget,
    reason: found.reason ?? (found.adjustedBudget === null ? 4 : null),
  };
}

function readBudgetRow(grid: SheetGrid, r: number, col: BudgetColumns, ctx: KeyValueContext, seen: Set<string>): void {
  const codeCol = col.code ?? 1;
  const budgetCol = col.budget ?? 3;
  const code = cellText(grid.cell(r, codeCol)).replace(/\s/g, '');
  const report = (cell: string, message: string, actual: string | null = null) =>
    ctx.findings.push(finding({ rule: 'P-14', sheet: grid.name, cell, message, actual }));
  if (!/^\d{7}$/.test(code)) {
    report(
      address(r, codeCol),
      `年初预算表第${r}行的科目编码“${code}”不是7位项级功能分类科目编码（如 2010699）。`,
      code,
    );
    return;
  }
  if (seen.has(code)) {
    report(address(r, codeCol), `年初预算表中科目 ${code} 出现了不止一次，请合并为一行。`, code);
    return;
  }
  const budget = readAmount(grid.cell(r, budgetCol));
  if (budget.kind !== 'value') {
    const why = budget.kind === 'invalid' ? budget.reason : '没有填写年初预算数（无预算填 0）';
    report(address(r, budgetCol), `年初预算表中科目 ${code}：${why}。`, cellText(grid.cell(r, budgetCol)) || null);
    return;
  }
  let adjusted: string | null = null;
  if (col.adjustedBudget !== null) {
    const got = readAmount(grid.cell(r, col.adjustedBudget));
    if (got.kind === 'invalid') {
      const at = address(r, col.adjustedBudget);
      report(at, `年初预算表中科目 ${code} 的全年预算数：${got.reason}。`, cellText(grid.cell(r, col.adjustedBudget)));
    } else if (got.kind === 'value') adjusted = got.value;
  }
  seen.add(code);
  const name = col.name === null ? null : readText(grid.cell(r, col.name));
  const reason = col.reason === null ? null : readText(grid.cell(r, col.reason));
  ctx.supplement.budgets.push({
    code,
    name: name?.kind === 'value' ? name.value : null,
    budget: budget.value,
    adjustedBudget: adjusted,
    reason: reason?.kind === 'value' ? reason.value : null,
  });
  ctx.supplement.sources[`budgets.${code}`] = { sheet: grid.name, cell: address(r, budgetCol) };
  if (col.adjustedBudget !== null) {
    ctx.supplement.sources[`budgets.${code}.adjusted`] = { sheet: grid.name, cell: address(r, col.adjustedBudget) };
  }
  if (col.reason !== null) {
    ctx.supplement.sources[`budgets.${code}.reason`] = { sheet: grid.name, cell: address(r, col.reason) };
  }
}

/**
 * 重点工作: a `标题 | 内容` block of text sections and a `序号 | 重要事项 | 工作内容及目标 | 完成情况` table, in either
 * order. A text row without a title continues the previous section (long texts split over rows).
 */
export function readKeyWorkSheet(grid: SheetGrid): KeyWork {
  const work: KeyWork = { sections: [], rows: [] };
  let mode: 'none' | 'text' | 'table' = 'none';
  for (let r = 1; r <= grid.rowCount; r++) {
    const a = cellText(grid.cell(r, 1)).trim();
    const b = cellText(grid.cell(r, 2)).trim();
    if (normalizeLabel(a) === '标题' && normalizeLabel(b) === '内容') mode = 'text';
    else if (normalizeLabel(a) === '序号' && normalizeLabel(b) === '重要事项') mode = 'table';
    else if (mode === 'text') addSection(work, a, b);
    else if (mode === 'table') addRow(work, grid, r);
  }
  return work;
}

function addSection(work: KeyWork, title: string, text: string): void {
  if (title === '' && text === '') return;
  const last = work.sections.at(-1);
  if (title === '' && last) last.text = `${last.text}\n${text}`;
  else work.sections.push({ title, text });
}

function addRow(work: KeyWork, grid: SheetGrid, r: number): void {
  if (rowIsBlank(grid, r, 4)) return;
  const [seq, matter, goal, result] = [1, 2, 3, 4].map((c) => cellText(grid.cell(r, c)).trim());
  work.rows.push({ seq: seq ?? '', matter: matter ?? '', goal: goal ?? '', result: result ?? '' });
}
