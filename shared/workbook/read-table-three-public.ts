import type { DisclosureTable, Figure } from '../disclosure/model.ts';
import { COLUMN_LABELS } from '../disclosure/table-layouts.ts';
import {
  addNote,
  blankFigure,
  type Context,
  findColumnNumbers,
  HEADER_SCAN_ROWS,
  headerStacks,
  lastColumn,
  layoutProblem,
  makeTable,
  noteOf,
  readFigure,
  recordColumns,
  rowIsEmpty,
} from './read-table-common.ts';

/**
 * T9 财政拨款“三公”经费支出决算表: one row of 12 figures, 预算数 栏1–6 and 决算数 栏7–12 (合计, 因公出国（境）费,
 * 公务用车购置及运行（维护）费小计, 公务用车购置费, 公务用车运行（维护）费, 公务接待费). The seed prints a 栏次 row and
 * the 预算数 block before the 决算数 block; Shanghai prints no 栏次 and a 预算数 | 决算数 pair under each item. Columns
 * are recognised by their header text: the item from the lowest header line naming one, the block from 预算/决算.
 */

/** Item of a header text → its position in a block (1 合计 … 6 公务接待费), most specific first. */
function itemOf(text: string): number | null {
  if (/购置及运行/.test(text)) return 3;
  if (/购置费/.test(text)) return 4;
  if (/运行(维护|维修)?费/.test(text)) return 5;
  if (/出国|出境/.test(text)) return 2;
  if (/接待/.test(text)) return 6;
  if (/合计|总计/.test(text)) return 1;
  return null;
}

export function readThreePublicTable(ctx: Context): DisclosureTable {
  const { grid, header } = ctx;
  const table = makeTable(ctx, COLUMN_LABELS.T9);
  const last = lastColumn(grid);
  const scanEnd = Math.min(grid.rowCount, header.titleRow + HEADER_SCAN_ROWS);

  // The data row: the first row after the title holding a figure.
  let dataRow: number | null = null;
  for (let r = header.titleRow + 1; r <= grid.rowCount && dataRow === null; r++) {
    if (noteOf(grid, r) !== null) break;
    for (let c = 1; c <= last; c++) {
      const cell = grid.cell(r, c);
      if (cell.kind === 'number' || (cell.kind === 'text' && /^[\d,.\-－—]+$/.test(cell.value.trim()))) {
        dataRow = r;
        break;
      }
    }
  }
  const numbers = findColumnNumbers(grid, header.titleRow + 1, scanEnd);
  // Header lines end before the figures, the 栏次 row's successor, or the first note (an empty table has no figures).
  let firstNote: number | null = null;
  for (let r = header.titleRow + 1; r <= scanEnd && firstNote === null; r++)
    if (noteOf(grid, r) !== null) firstNote = r;
  const labelEnd = Math.min(numbers ? numbers.row : (dataRow ?? scanEnd + 1) - 1, (firstNote ?? scanEnd + 1) - 1);
  // Columns by header text (an item and 预算数/决算数 under it), whatever order they are printed in; the 栏次 row
  // only where the headers do not name all twelve.
  const stacks = headerStacks(grid, header.titleRow + 1, labelEnd);
  const found = new Map<number, number>();
  for (const [c, stack] of stacks) {
    let block: number | null = null;
    let item: number | null = null;
    for (let i = stack.length - 1; i >= 0; i--) {
      const t = stack[i] ?? '';
      if (t.length > 30) continue;
      block ??= /决算/.test(t) ? 7 : /预算/.test(t) ? 1 : null;
      item ??= itemOf(t);
    }
    if (block === null || item === null) continue;
    const n = block + item - 1;
    if (![...found.values()].includes(n)) found.set(c, n);
  }
  let columns: [number, number][] = [];
  let headerEnd: number;
  if (found.size === 12 || numbers === null || numbers.columns.size < 2) {
    columns = [...found.entries()];
    headerEnd = numbers ? numbers.row : labelEnd;
    ctx.reading.layout = `按表头文字识别各栏（${numbers ? '栏次行按表头核对' : '无栏次行'}${
      columns.some(([c, n]) => n > 6 && columns.some(([c2, n2]) => n2 === n - 6 && c2 + 1 === c))
        ? '；预算数、决算数按项目成对'
        : ''
    }）`;
    if (columns.length !== 12) {
      const missing = COLUMN_LABELS.T9.filter((_, i) => ![...found.values()].includes(i + 1));
      layoutProblem(
        ctx,
        columns.length === 0
          ? '未找到栏次行（1…12），表头中也没有找到“预算数/决算数”和“合计、因公出国（境）费、公务用车购置及运行维护费、公务用车购置费、公务用车运行维护费、公务接待费”，无法识别“三公”经费表。'
          : `“三公”经费表应有 12 栏，表头中没有找到：${missing.join('、')}。`,
        headerEnd,
        1,
      );
      if (columns.length === 0) return table;
    }
  } else {
    headerEnd = numbers.row;
    columns = [...numbers.columns.entries()];
    ctx.reading.layout = '按栏次行识别各栏';
    if (numbers.columns.size !== 12) {
      layoutProblem(ctx, `“三公”经费表应有 12 栏，实际 ${numbers.columns.size} 栏。`, numbers.row, 1);
    }
  }
  if (numbers) {
    // The 栏次 row itself holds integers: the figures are below it.
    dataRow = null;
    for (let r = numbers.row + 1; r <= grid.rowCount && dataRow === null; r++) {
      if (noteOf(grid, r) !== null) break;
      if (!rowIsEmpty(grid, r)) dataRow = r;
    }
  }
  columns.sort((a, b) => a[1] - b[1]);
  recordColumns(ctx, columns, COLUMN_LABELS.T9);
  ctx.reading.headerRows = headerEnd > header.titleRow ? [header.titleRow + 1, headerEnd] : null;
  for (let r = headerEnd + 1; r <= grid.rowCount; r++) {
    const note = noteOf(grid, r);
    if (note !== null) addNote(table, note);
  }
  // No row of figures (an empty table, or its statement printed where the figures would be): zeros, nothing read.
  const cells: Record<number, Figure> = {};
  for (const [col, n] of columns) {
    cells[n] = dataRow === null ? blankFigure(ctx, headerEnd + 1, col) : readFigure(ctx, dataRow, col);
  }
  table.rows.push({
    key: 'row',
    kind: 'single',
    code: null,
    name: '“三公”经费',
    line: null,
    printedLine: null,
    side: null,
    cells,
  });
  ctx.reading.rows = 1;
  return table;
}
