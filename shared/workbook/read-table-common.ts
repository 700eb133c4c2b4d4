import { type DeclaredSeverity, type Finding, finding } from '../disclosure/finding.ts';
import type { DisclosureTable, Figure, TableColumn, TableRow } from '../disclosure/model.ts';
import type { TableReading } from '../disclosure/table-reading.ts';
import { parseAmount, toHalfWidth, ZERO } from '../money/amount.ts';
import type { TableHeader } from './read-table-header.ts';
import { address, cellText, type RawCell, type SheetGrid } from './sheet-grid.ts';

/**
 * What every table reader shares: reading one amount cell exactly, header texts (merged headings included), notes
 * and empty-table statements, and the record of how the table was read ({@link TableReading}). Pure over a
 * {@link SheetGrid}; every problem becomes a finding with its cell, never an exception.
 */

/** How far below the title the header lines may reach. */
export const HEADER_SCAN_ROWS = 15;
/** A table longer than this is not a 决算 table (the 项-level list of one unit has at most a few hundred rows). */
export const MAX_TABLE_ROWS = 3000;
export const MAX_TABLE_COLUMNS = 60;
/**
 * Text compared against titles, headings and labels is cut to this length first, so every pattern runs on a short
 * string whatever a cell holds (a title cell of 400,000 spaces must not cost more than a real title). Names kept
 * for the model are read whole.
 */
export const MATCH_TEXT_LIMIT = 200;

export type { TableReading } from '../disclosure/table-reading.ts';

export interface Context {
  grid: SheetGrid;
  header: TableHeader;
  findings: Finding[];
  reading: TableReading;
}

export function lastColumn(grid: SheetGrid): number {
  return Math.min(grid.columnCount, MAX_TABLE_COLUMNS);
}

/** Column letters of a 1-based column number. */
export function columnLetter(col: number): string {
  return address(1, col).replace(/\d+$/, '');
}

/** The cell's text, trimmed, at most {@link MATCH_TEXT_LIMIT} characters, full-width folded: for matching only. */
export function matchText(grid: SheetGrid, row: number, col: number): string {
  const raw = cellText(grid.cell(row, col));
  return toHalfWidth(raw.length > MATCH_TEXT_LIMIT ? raw.slice(0, MATCH_TEXT_LIMIT) : raw).trim();
}

/** {@link matchText} without any white space (headers are often spaced out: “项    目”). */
export function compactText(grid: SheetGrid, row: number, col: number): string {
  return matchText(grid, row, col).replace(/[\s\u3000\u200B-\u200F\u2060\uFEFF]/g, '');
}

/** Header text of a cell: its own, or the text of the merged range covering it. */
export function headerText(grid: SheetGrid, row: number, col: number): string {
  const own = compactText(grid, row, col);
  if (own) return own;
  const master = grid.masterOf?.(row, col);
  return master ? compactText(grid, master.row, master.col) : '';
}

/** Header texts stacked above each column, top to bottom, rows `from`…`to` (merged headings included). */
export function headerStacks(grid: SheetGrid, from: number, to: number): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (let r = from; r <= to; r++) {
    for (let c = 1; c <= lastColumn(grid); c++) {
      const t = headerText(grid, r, c);
      if (!t) continue;
      const list = map.get(c) ?? [];
      if (list.at(-1) !== t) list.push(t);
      map.set(c, list);
    }
  }
  return map;
}

export function integerCell(c: RawCell): number | null {
  if (c.kind === 'number') return Number.isInteger(c.value) ? c.value : null;
  if (c.kind === 'text') {
    const t = toHalfWidth(c.value).trim();
    return /^\d{1,2}$/.test(t) ? Number(t) : null;
  }
  return null;
}

/** The 栏次 row: integer cells 1, 2, 3 … left to right (at least two), searched in rows `from`…`to`. */
export function findColumnNumbers(
  grid: SheetGrid,
  from: number,
  to: number,
): { row: number; columns: Map<number, number> } | null {
  const cols = lastColumn(grid);
  for (let r = from; r <= Math.min(to, grid.rowCount); r++) {
    const columns = new Map<number, number>();
    let expected = 1;
    let ok = true;
    let decimals = false;
    for (let c = 1; c <= cols; c++) {
      const cell = grid.cell(r, c);
      if (cell.kind === 'number' && !Number.isInteger(cell.value)) decimals = true;
      const n = integerCell(cell);
      if (n === null) continue;
      if (n !== expected) {
        ok = false;
        break;
      }
      columns.set(c, n);
      expected++;
    }
    if (ok && !decimals && columns.size >= 2) return { row: r, columns };
  }
  return null;
}

/** Words that only ever appear in a table's header lines, never as a row's figures. */
const HEADER_WORD =
  /^(合计|小计|基本支出|项目支出|本年支出|本年收入|预算数|决算数|金额|年初结转和结余|年末结转和结余|栏次|行次|项目)$/;

export function isHeaderWord(text: string): boolean {
  return HEADER_WORD.test(text);
}

const NOTE = /^(注|说明|备注)|栏各行|栏\s*=|行\s*=|^本单位|^本部门|^本表|尾数误差|^\d+\s*栏/;

function isNoteText(t: string): boolean {
  return NOTE.test(t.replace(/\s/g, ''));
}

/**
 * A statement that the table has no figures (本单位当年无政府性基金…; 本表无数据; 说明：…没有…收入和支出，故本表无数据。):
 * published in place of an empty table. The span between 无/没有 and what is missing is bounded, so the test stays
 * linear whatever the text.
 */
const EMPTY_STATEMENT =
  /本表无数据|本表为空|^(?:无|没有)[^。；;]{0,60}(?:收入|支出|经费|数据|资金)|(?:本单位|本部门|本年度|当年|该单位|我单位)[^。；;]{0,40}(?:无|没有)[^。；;]{0,60}(?:收入|支出|经费|数据|资金)/;

export function isEmptyStatement(text: string): boolean {
  const t = text.replace(/\s/g, '');
  return EMPTY_STATEMENT.test(t.length > MATCH_TEXT_LIMIT ? t.slice(0, MATCH_TEXT_LIMIT) : t);
}

/** The note text of a row whose only content is text that reads like a note, else null. */
export function noteOf(grid: SheetGrid, r: number): string | null {
  const cols = lastColumn(grid);
  const parts: string[] = [];
  for (let c = 1; c <= cols; c++) {
    const cell = grid.cell(r, c);
    if (cell.kind === 'empty') continue;
    if (cell.kind !== 'text') return null;
    parts.push(cell.value.trim());
  }
  // A row starting with a classification code is a row of the table, however its name reads (无线电频率…).
  if (parts.length === 0 || /^\d{3}/.test(parts[0] ?? '')) return null;
  const joined = parts.join(' ');
  const head = joined.length > MATCH_TEXT_LIMIT ? joined.slice(0, MATCH_TEXT_LIMIT) : joined;
  return isNoteText(head) || isEmptyStatement(head) ? joined : null;
}

export function rowIsEmpty(grid: SheetGrid, r: number): boolean {
  const cols = lastColumn(grid);
  for (let c = 1; c <= cols; c++) if (grid.cell(r, c).kind !== 'empty') return false;
  return true;
}

/** Reads one amount cell into a figure; a bad cell yields a finding and counts as zero so checks can go on. */
export function readFigure(ctx: Context, row: number, col: number): Figure {
  const at = { sheet: ctx.grid.name, cell: address(row, col) };
  const cell = ctx.grid.cell(row, col);
  const bad = (rule: 'C-01' | 'H-05', message: string, actual: string | null): Figure => {
    ctx.findings.push(finding({ rule, table: ctx.header.id, sheet: at.sheet, cell: at.cell, message, actual }));
    return { value: ZERO, at, blank: false };
  };
  switch (cell.kind) {
    case 'empty':
      return { value: ZERO, at, blank: true };
    case 'formula-without-result':
      return bad(
        'C-01',
        `单元格是公式（=${cell.formula.slice(0, 80)}），但文件中没有保存计算结果。请在 Excel/WPS 中打开后重新计算并保存，或将公式转为数值。`,
        null,
      );
    case 'error':
      return bad(
        'H-05',
        `金额单元格是错误值 ${cell.value.slice(0, 40)}，请修正公式或填写数值。`,
        cell.value.slice(0, 40),
      );
    case 'other':
      return bad('H-05', `金额单元格不是数字（“${cell.value.slice(0, 40)}”）。`, cell.value.slice(0, 40));
    default: {
      const parsed = parseAmount(cell.value);
      if (parsed.kind === 'blank') return { value: ZERO, at, blank: true };
      if (parsed.kind === 'amount') {
        if (parsed.value.isNegative()) {
          ctx.findings.push(
            finding({
              rule: 'H-05',
              severity: 'warning',
              table: ctx.header.id,
              sheet: at.sheet,
              cell: at.cell,
              message: '金额为负数，请确认是否正确（决算表金额一般不为负）。',
              actual: parsed.value.toFixed(2),
            }),
          );
        }
        return { value: parsed.value, at, blank: false };
      }
      const shown = parsed.text.slice(0, 40);
      const reason =
        parsed.reason === 'too-many-decimals'
          ? `金额“${shown}”超过两位小数；金额单位为万元时应保留两位小数。`
          : parsed.reason === 'out-of-range'
            ? `金额“${shown}”超出合理范围。`
            : `金额单元格不是数字（“${shown}”）。`;
      return bad('H-05', reason, shown);
    }
  }
}

/**
 * Whether a figure says something about the row it is on. Zero written as `0`, `0.00` or `-` means nothing (RULES.md
 * §1), so a template row left unlabelled but filled with zeros is not a row with an amount.
 */
export function holdsAmount(f: Figure): boolean {
  return !f.blank && !f.value.isZero();
}

/** A cell holding a zero in any of its written forms (`0`, `0.00`, `-`, `０.００`). */
export function isZeroCell(cell: RawCell): boolean {
  if (cell.kind === 'number') return cell.value === 0;
  if (cell.kind !== 'text') return false;
  const parsed = parseAmount(cell.value);
  return parsed.kind === 'blank' || (parsed.kind === 'amount' && parsed.value.isZero());
}

export function blankFigure(ctx: Context, row: number, col: number): Figure {
  return { value: ZERO, at: { sheet: ctx.grid.name, cell: address(row, col) }, blank: true };
}

export function layoutProblem(
  ctx: Context,
  message: string,
  row?: number,
  col?: number,
  /** The rule's own unless given (S-06 declares a warning for a column not found and read as blank). */
  severity?: DeclaredSeverity<'S-06'>,
): void {
  ctx.findings.push(
    finding({
      rule: 'S-06',
      severity,
      table: ctx.header.id,
      sheet: ctx.grid.name,
      cell: row !== undefined && col !== undefined ? address(row, col) : null,
      message,
    }),
  );
}

export function makeTable(ctx: Context, labels: readonly string[]): DisclosureTable {
  const h = ctx.header;
  return {
    id: h.id,
    title: h.title,
    sheet: ctx.grid.name,
    mark: h.mark,
    unitName: h.unitName,
    year: h.year,
    amountUnit: h.amountUnit,
    columns: labels.map((label, i): TableColumn => ({ number: i + 1, label })),
    rows: [],
    notes: [],
    emptyStatement: null,
  };
}

export function addNote(table: DisclosureTable, note: string): void {
  const t = note.trim();
  if (table.emptyStatement === null && isEmptyStatement(t)) table.emptyStatement = t;
  else table.notes.push(t);
}

/** Records which column each 栏次 was read from. */
export function recordColumns(ctx: Context, columns: Iterable<[number, number]>, labels: readonly string[]): void {
  ctx.reading.columns = [...columns]
    .map(([col, n]) => ({ number: n, label: labels[n - 1] ?? `栏${n}`, column: columnLetter(col) }))
    .sort((a, b) => a.number - b.number);
}

export function classificationRow(
  key: string,
  kind: TableRow['kind'],
  code: string | null,
  name: string,
  cells: Record<number, Figure>,
  labels?: { code: string | null; name: string | null },
): TableRow {
  const at = { ...(labels?.code ? { codeCell: labels.code } : {}), ...(labels?.name ? { nameCell: labels.name } : {}) };
  return { key, kind, code, name, line: null, printedLine: null, side: null, cells, ...at };
}
