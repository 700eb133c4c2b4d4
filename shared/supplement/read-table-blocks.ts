import { finding } from '../rules/finding.ts';
import { address, cellText, type SheetGrid } from '../workbook/sheet-grid.ts';
import type { KeyWork } from './model.ts';
import { readAmount, readText } from './read-cells.ts';
import type { EmbeddedTable, KeyValueContext } from './read-key-value-sheet.ts';
import { normalizeLabel } from './sheet-layout.ts';

/** The tabular parts of the supplementary sheets: 年初预算 by 项 (补充信息) and 重点工作. */

function rowIsBlank(grid: SheetGrid, r: number, width: number): boolean {
  for (let c = 1; c <= width; c++) if (cellText(grid.cell(r, c)).trim() !== '') return false;
  return true;
}

/** 年初预算 table: header `科目编码 | 科目名称 | 年初预算数 | 差异原因`, one row per 项, ends at a blank row. */
export const BUDGET_TABLE: EmbeddedTable = {
  starts: (label) => label === '科目编码',
  read(grid, headerRow, ctx) {
    let r = headerRow + 1;
    const seen = new Set<string>();
    for (; r <= grid.rowCount && !rowIsBlank(grid, r, 4); r++) {
      if (cellText(grid.cell(r, 1)).trim().startsWith('【')) break;
      readBudgetRow(grid, r, ctx, seen);
    }
    return r;
  },
};

function readBudgetRow(grid: SheetGrid, r: number, ctx: KeyValueContext, seen: Set<string>): void {
  const code = cellText(grid.cell(r, 1)).replace(/\s/g, '');
  const report = (cell: string, message: string, actual: string | null = null) =>
    ctx.findings.push(finding({ rule: 'P-14', severity: 'warning', sheet: grid.name, cell, message, actual }));
  if (!/^\d{7}$/.test(code)) {
    report(address(r, 1), `年初预算表第${r}行的科目编码“${code}”不是7位项级功能分类科目编码（如 2010699）。`, code);
    return;
  }
  if (seen.has(code)) {
    report(address(r, 1), `年初预算表中科目 ${code} 出现了不止一次，请合并为一行。`, code);
    return;
  }
  const budget = readAmount(grid.cell(r, 3));
  if (budget.kind !== 'value') {
    const why = budget.kind === 'invalid' ? budget.reason : '没有填写年初预算数（无预算填 0）';
    report(address(r, 3), `年初预算表中科目 ${code}：${why}。`, cellText(grid.cell(r, 3)) || null);
    return;
  }
  seen.add(code);
  const name = readText(grid.cell(r, 2));
  const reason = readText(grid.cell(r, 4));
  ctx.supplement.budgets.push({
    code,
    name: name.kind === 'value' ? name.value : null,
    budget: budget.value,
    reason: reason.kind === 'value' ? reason.value : null,
  });
  ctx.supplement.sources[`budgets.${code}`] = { sheet: grid.name, cell: address(r, 3) };
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
