import type { Disclosure, Figure, TableRow } from '../disclosure/model.ts';
import { Dec, ZERO } from '../money/amount.ts';
import type { ValidationReport } from '../rules/validate.ts';
import type { Supplement } from '../supplement/model.ts';
import type { ReadResult } from '../workbook/read-workbook.ts';

/**
 * How a sandboxed validation's result crosses the thread boundary. postMessage copies it (a structured clone), at a
 * cost that grows with the number of objects; at the size of a disclosure the copy out and the rebuild are a
 * visible share of the validation (issue #11 allows 10 %), so the result crosses in a compact form:
 * - every figure `{ value, at: { sheet, cell }, blank }` becomes five array slots, the sheet written only when it is
 *   not the table's own; the figures were 90 % of the bytes;
 * - a row is its shape's number and its values, each shape (key list) once per message;
 * - the table readings, which the report and the read result share, cross once;
 * - the sheets that were not tables (otherSheets) are consumed inside the worker (the supplement is read from
 *   them there) and do not cross.
 * Amounts cross as decimal.js's exact strings (toJSON, which keeps the sign of a negative zero) and are rebuilt as
 * Dec: nothing is rounded on the way. Key order is
 * kept (the report's field order is its published contract). Measured against a JSON string of the same form, the
 * clone was ~3 % faster end to end on the seed and ~1.5 ms on the large workbook.
 */

export type SandboxedValidation = { report: ValidationReport; read: ReadResult; supplement: Supplement | null };

/** A row's figures as [column, value, cell or '', sheet or 0 (the table's own) or 1 (no cell), blank 0/1]… */
type WireCells = (string | number)[];

const SHARED_READINGS = 'read.readings';
const SAME_SHEET = 0;
const NO_CELL = 1;

function encodeCells(cells: TableRow['cells'], tableSheet: string): WireCells {
  const out: WireCells = [];
  for (const column in cells) {
    const f = cells[column as unknown as keyof typeof cells] as Figure;
    const sheet = f.at === null ? NO_CELL : f.at.sheet === tableSheet ? SAME_SHEET : f.at.sheet;
    out.push(column, f.value === ZERO ? '0' : f.value.toJSON(), f.at?.cell ?? '', sheet, f.blank ? 1 : 0);
  }
  return out;
}

function decodeCells(wire: WireCells, tableSheet: string): TableRow['cells'] {
  const cells: Record<string, Figure> = {};
  for (let i = 0; i < wire.length; i += 5) {
    const sheet = wire[i + 3] as string | number;
    cells[wire[i] as string] = {
      // Most figures of a disclosure are zero; decimals are immutable, so one ZERO serves them all (as in the reader).
      value: wire[i + 1] === '0' ? ZERO : new Dec(wire[i + 1] as string),
      at:
        sheet === NO_CELL
          ? null
          : { sheet: sheet === SAME_SHEET ? tableSheet : (sheet as string), cell: wire[i + 2] as string },
      blank: wire[i + 4] === 1,
    };
  }
  return cells as TableRow['cells'];
}

/**
 * A row crosses as [shape, …its values in its own key order]: the shapes (key lists) once per message, so the
 * keys are not repeated in every row and each row is rebuilt with its keys in the order it had.
 */
type WireRow = (string | number | null | WireCells)[];

class RowShapes {
  readonly list: string[][] = [];
  private readonly index = new Map<string, number>();

  encode(row: TableRow, sheet: string): WireRow {
    const keys = Object.keys(row);
    const signature = keys.join(',');
    let shape = this.index.get(signature);
    if (shape === undefined) {
      shape = this.list.length;
      this.list.push(keys);
      this.index.set(signature, shape);
    }
    const out: WireRow = [shape];
    for (const key of keys) {
      const value = row[key as keyof TableRow];
      out.push(key === 'cells' ? encodeCells(value as TableRow['cells'], sheet) : (value as string | number | null));
    }
    return out;
  }
}

function decodeRow(wire: WireRow, shapes: readonly string[][], sheet: string): TableRow {
  const keys = shapes[wire[0] as number] as string[];
  const row: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    row[key] = key === 'cells' ? decodeCells(wire[i + 1] as WireCells, sheet) : wire[i + 1];
  }
  return row as unknown as TableRow;
}

function mapRows(d: Disclosure, rows: (row: never, sheet: string) => unknown): Disclosure {
  const tables: Record<string, unknown> = {};
  for (const [id, table] of Object.entries(d.tables)) {
    tables[id] = table ? { ...table, rows: table.rows.map((row) => rows(row as never, table.sheet)) } : table;
  }
  return { ...d, tables } as Disclosure;
}

/** The result in its crossing form: plain arrays, strings and numbers, posted as it is (a structured clone). */
export function toWire(v: SandboxedValidation): unknown {
  if (v.read.status !== 'read') return v;
  const read = v.read;
  const shared = read.readings !== undefined && v.report.tables === read.readings;
  const shapes = new RowShapes();
  const disclosure = mapRows(read.disclosure, (row: TableRow, sheet) => shapes.encode(row, sheet));
  return {
    ...v,
    // The placeholder keeps the key's place: the report's field order is its published JSON contract's.
    report: shared ? { ...v.report, tables: SHARED_READINGS } : v.report,
    read: { ...read, otherSheets: [], disclosure },
    rowShapes: shapes.list,
  };
}

/** The result rebuilt from what {@link toWire} made, after the crossing. */
export function fromWire(wire: unknown): SandboxedValidation {
  const { rowShapes, ...v } = wire as SandboxedValidation & { rowShapes?: string[][] };
  if (v.read.status === 'read') {
    const read = v.read;
    read.disclosure = mapRows(read.disclosure, (row: WireRow, sheet) => decodeRow(row, rowShapes ?? [], sheet));
    if ((v.report.tables as unknown) === SHARED_READINGS) v.report.tables = read.readings;
  }
  return v;
}
