import type ExcelJS from 'exceljs';

/**
 * A worksheet reduced to what the table readers need: typed cell contents by row/column, with merged-cell
 * followers reported as empty (exceljs gives them the master's value, which would duplicate codes and labels).
 * Keeping exceljs behind this interface lets the table readers be tested on plain grids.
 */
export type RawCell =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  /** A formula whose file carries no cached result (saved by a program that does not calculate). */
  | { kind: 'formula-without-result'; formula: string }
  | { kind: 'error'; value: string }
  | { kind: 'other'; value: string };

export interface SheetGrid {
  name: string;
  rowCount: number;
  columnCount: number;
  cell(row: number, col: number): RawCell;
  /**
   * For a cell covered by a merged range (not its top-left master): the master's position. Header readers use it so
   * a heading merged across columns (本年支出 over 合计 | 基本支出 | 项目支出) labels every column it covers.
   */
  masterOf?(row: number, col: number): { row: number; col: number } | null;
}

const EMPTY: RawCell = { kind: 'empty' };

/** A1 address of a 1-based row/column. */
export function address(row: number, col: number): string {
  let c = col;
  let letters = '';
  while (c > 0) {
    const m = (c - 1) % 26;
    letters = String.fromCharCode(65 + m) + letters;
    c = Math.floor((c - 1) / 26);
  }
  return `${letters}${row}`;
}

function convert(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return value.trim() === '' ? EMPTY : { kind: 'text', value };
  if (typeof value === 'boolean') return { kind: 'other', value: String(value) };
  if (value instanceof Date) return { kind: 'other', value: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      const text = value.richText.map((r) => r.text).join('');
      return text.trim() === '' ? EMPTY : { kind: 'text', value: text };
    }
    if ('error' in value) return { kind: 'error', value: String(value.error) };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) {
        const f = value as { formula?: string; sharedFormula?: string };
        return { kind: 'formula-without-result', formula: f.formula ?? f.sharedFormula ?? '' };
      }
      if (typeof result === 'object' && result !== null && 'error' in result) {
        return { kind: 'error', value: String((result as { error: unknown }).error) };
      }
      return convert(result as ExcelJS.CellValue);
    }
    if ('text' in value && typeof value.text === 'string') return convert(value.text);
  }
  return { kind: 'other', value: String(value) };
}

/** Wraps an exceljs worksheet, converting each cell once on first access. */
export function gridFromWorksheet(ws: ExcelJS.Worksheet): SheetGrid {
  // One dense array per row, built on first access by walking that row's cells once: the readers touch every cell
  // of a table several times (notes, codes, amounts), and a Map or exceljs lookups per touch were a profile hot spot.
  const rows: (RawCell[] | undefined)[] = [];
  const masters: (Map<number, { row: number; col: number }> | undefined)[] = [];
  const columnCount = ws.columnCount;
  const rowCells = (r: number): RawCell[] => {
    const built: RawCell[] = [];
    let merged: Map<number, { row: number; col: number }> | undefined;
    ws.findRow(r)?.eachCell({ includeEmpty: false }, (c, col) => {
      if (c.isMerged && c.master !== c) {
        merged ??= new Map();
        merged.set(col, { row: Number(c.master.row), col: Number(c.master.col) });
      } else built[col] = convert(c.value);
    });
    rows[r] = built;
    masters[r] = merged;
    return built;
  };
  return {
    name: ws.name,
    rowCount: ws.rowCount,
    columnCount,
    cell(row, col) {
      return (rows[row] ?? rowCells(row))[col] ?? EMPTY;
    },
    masterOf(row, col) {
      if (rows[row] === undefined) rowCells(row);
      return masters[row]?.get(col) ?? null;
    },
  };
}

/**
 * A grid from plain rows (tests, generated workbooks). `null`/`undefined` is an empty cell. `merges` are A1 ranges
 * (`E3:G3`) whose top-left cell holds the text, as in a worksheet.
 */
export function gridFromRows(
  name: string,
  rows: readonly (readonly (string | number | null | undefined)[])[],
  merges: readonly string[] = [],
): SheetGrid {
  const columnCount = Math.max(0, ...rows.map((r) => r.length));
  const masters = new Map<string, { row: number; col: number }>();
  for (const range of merges) {
    const [from, to] = range.split(':').map(parseAddress);
    if (!from || !to) continue;
    for (let r = from.row; r <= to.row; r++)
      for (let c = from.col; c <= to.col; c++) if (r !== from.row || c !== from.col) masters.set(`${r}:${c}`, from);
  }
  return {
    name,
    rowCount: rows.length,
    columnCount,
    masterOf(row, col) {
      return masters.get(`${row}:${col}`) ?? null;
    },
    cell(row, col) {
      if (masters.has(`${row}:${col}`)) return EMPTY;
      const v = rows[row - 1]?.[col - 1];
      if (v === null || v === undefined) return EMPTY;
      if (typeof v === 'number') return { kind: 'number', value: v };
      return v.trim() === '' ? EMPTY : { kind: 'text', value: v };
    },
  };
}

/** 1-based row/column of an A1 address (`AB12`), or null. */
export function parseAddress(a1: string): { row: number; col: number } | null {
  const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(a1.trim().toUpperCase());
  if (!m?.[1] || !m[2]) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** The cell as display text (numbers as written), or '' for empty. */
export function cellText(c: RawCell): string {
  switch (c.kind) {
    case 'empty':
      return '';
    case 'number':
      return String(c.value);
    case 'formula-without-result':
      return '';
    default:
      return c.value;
  }
}
