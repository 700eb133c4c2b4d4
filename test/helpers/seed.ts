import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Disclosure, DisclosureTable, Figure, TableId } from '../../shared/disclosure/model.ts';
import { Dec } from '../../shared/money/amount.ts';
import type { Expectation } from '../../shared/rules/engine.ts';
import type { Finding } from '../../shared/rules/finding.ts';
import { type ValidationReport, validateRead } from '../../shared/rules/validate.ts';
import { type ReadResult, readGrids, readWorkbook } from '../../shared/workbook/read-workbook.ts';
import { gridFromWorksheet, type RawCell, type SheetGrid } from '../../shared/workbook/sheet-grid.ts';

/**
 * Shared test helpers around the seed workbook (a real published 2023 单位决算公开, RULES.md §4): load it once,
 * perturb it (with exceljs, or cheaply as an overlay on its grids), and compare what the reader and rules make of it.
 */

export const SEED_PATH = fileURLToPath(new URL('../fixtures/seed-2023-wuhan-info-center.xlsx', import.meta.url));
export const SEED_UNIT = '武汉市财政局信息中心';
export const SEED_YEAR = 2023;

/** Sheet names of the seed, by table. */
export const SEED_SHEETS: Record<TableId, string> = {
  T1: '收入支出决算总表',
  T2: '收入决算表',
  T3: '支出决算表',
  T4: '财政拨款收入支出决算总表',
  T5: '一般公共预算财政拨款支出决算表',
  T6: '一般公共预算财政拨款基本支出决算明细表',
  T7: '政府性基金预算财政拨款收入支出决算表',
  T8: '国有资本经营预算财政拨款支出决算表',
  T9: '财政拨款三公经费支出决算表',
};

/** The rounding slips the seed is known to carry (RULES.md §4 items 1–4): the notices `validate` must report. */
export const SEED_NOTICES: readonly {
  rule: string;
  table: TableId;
  cell: string;
  actual: string;
  expected: string;
  difference: string;
  tolerance: string;
}[] = [
  { rule: 'X-05', table: 'T1', cell: 'F25', actual: '62.63', expected: '62.62', difference: '0.01', tolerance: '0.01' },
  { rule: 'X-08', table: 'T4', cell: 'G26', actual: '62.63', expected: '62.62', difference: '0.01', tolerance: '0.01' },
  {
    rule: 'T1-03',
    table: 'T1',
    cell: 'F33',
    actual: '635.55',
    expected: '635.56',
    difference: '-0.01',
    tolerance: '0.025',
  },
  {
    rule: 'T4-04',
    table: 'T4',
    cell: 'F34',
    actual: '635.55',
    expected: '635.56',
    difference: '-0.01',
    tolerance: '0.025',
  },
  {
    rule: 'T4-04',
    table: 'T4',
    cell: 'G34',
    actual: '635.55',
    expected: '635.56',
    difference: '-0.01',
    tolerance: '0.025',
  },
  {
    rule: 'T6-01',
    table: 'T6',
    cell: 'C6',
    actual: '466.32',
    expected: '466.31',
    difference: '0.01',
    tolerance: '0.045',
  },
  { rule: 'T6-01', table: 'T6', cell: 'F6', actual: '34.42', expected: '34.41', difference: '0.01', tolerance: '0.05' },
];

/** A finding as the fields SEED_NOTICES lists, for comparing reports with it. */
export function noticeShape(f: Finding) {
  return {
    rule: f.rule,
    table: f.table,
    cell: f.cell,
    actual: f.actual,
    expected: f.expected,
    difference: f.difference,
    tolerance: f.tolerance,
  };
}

/** SEED_NOTICES sorted like noticeShape lists (by rule, then cell). */
export function sortedNotices<T extends { rule: string; cell: string | null }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => a.rule.localeCompare(b.rule) || (a.cell ?? '').localeCompare(b.cell ?? ''));
}

let seedCache: Promise<Buffer> | null = null;

/** The seed's bytes (read from disk once per test file; callers must not mutate the buffer). */
export function seedBytes(): Promise<Buffer> {
  seedCache ??= readFile(SEED_PATH);
  return seedCache;
}

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

/** A copy of a workbook with `edit` applied, as the bytes of a new .xlsx (the input is never changed). */
export async function editWorkbook(
  bytes: Uint8Array,
  edit: (wb: ExcelJS.Workbook) => void | Promise<void>,
): Promise<Buffer> {
  const wb = await loadWorkbook(bytes);
  await edit(wb);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The worksheet holding a table in a workbook with the seed's sheet names. */
export function sheetOf(wb: ExcelJS.Workbook, table: TableId): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(SEED_SHEETS[table]);
  if (!ws) throw new Error(`sheet ${SEED_SHEETS[table]} not found`);
  return ws;
}

export async function readBytes(bytes: Uint8Array): Promise<Extract<ReadResult, { status: 'read' }>> {
  const read = await readWorkbook(bytes);
  if (read.status !== 'read') throw new Error(`unreadable: ${read.findings.map((f) => f.message).join(' ')}`);
  return read;
}

export async function validateBytes(bytes: Uint8Array, expect: Expectation = {}): Promise<ValidationReport> {
  return validateRead(await readWorkbook(bytes), expect);
}

/** The seed's worksheets as grids, for cheap cell overlays. */
export async function seedGrids(): Promise<SheetGrid[]> {
  const wb = await loadWorkbook(await seedBytes());
  return wb.worksheets.map(gridFromWorksheet);
}

/** 1-based row and column of an A1 address. */
export function parseAddress(a1: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!m?.[1] || !m[2]) throw new Error(`not an A1 address: ${a1}`);
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
}

/** The grids with one cell replaced (the other cells and grids are shared, not copied). */
export function withCell(grids: readonly SheetGrid[], sheet: string, a1: string, raw: RawCell): SheetGrid[] {
  const { row, col } = parseAddress(a1);
  if (!grids.some((g) => g.name === sheet)) throw new Error(`no sheet ${sheet}`);
  return grids.map((g) =>
    g.name !== sheet
      ? g
      : {
          name: g.name,
          rowCount: Math.max(g.rowCount, row),
          columnCount: Math.max(g.columnCount, col),
          cell: (r, c) => (r === row && c === col ? raw : g.cell(r, c)),
        },
  );
}

export function validateGrids(grids: readonly SheetGrid[], expect: Expectation = {}): ValidationReport {
  return validateRead(readGrids(grids), expect);
}

/** Every non-zero figure of a disclosure as `T1/L27/1=635.55`, sorted: layout-independent. */
export function figuresOf(d: Disclosure): string[] {
  const out: string[] = [];
  for (const t of Object.values(d.tables)) {
    if (!t) continue;
    for (const r of t.rows) {
      for (const [col, f] of Object.entries(r.cells)) {
        if (!f.value.isZero()) out.push(`${t.id}/${r.key}/${col}=${f.value.toFixed(2)}`);
      }
    }
  }
  return out.sort();
}

/** Row keys per table (which rows were recognised), layout-independent. */
export function rowKeysOf(d: Disclosure): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const t of Object.values(d.tables)) if (t) out[t.id] = t.rows.map((r) => `${r.key}:${r.kind}`);
  return out;
}

/** What a finding says, without where it is (cells move between layouts). */
export function findingSignature(f: Finding): string {
  return [f.rule, f.severity, f.table, f.actual, f.expected, f.difference, f.tolerance].join(' ');
}

export function signatures(report: ValidationReport): string[] {
  return report.findings.map(findingSignature).sort();
}

/** `rule severity table sheet!cell` — for messages when an assertion fails. */
export function describeFinding(f: Finding): string {
  return `${f.rule} ${f.severity} ${f.table} ${f.sheet}!${f.cell} ${f.message}`;
}

/** A deep copy of a disclosure; figures stay `Dec`, so rules can be run on a changed copy. */
export function cloneDisclosure(d: Disclosure): Disclosure {
  const tables: Partial<Record<TableId, DisclosureTable>> = {};
  for (const [id, t] of Object.entries(d.tables) as [TableId, DisclosureTable | undefined][]) {
    if (!t) continue;
    tables[id] = {
      ...t,
      columns: t.columns.map((c) => ({ ...c })),
      notes: [...t.notes],
      rows: t.rows.map((r) => ({
        ...r,
        cells: Object.fromEntries(
          Object.entries(r.cells).map(([c, f]): [string, Figure] => [c, { ...f, at: f.at ? { ...f.at } : null }]),
        ),
      })),
    };
  }
  return { unitName: d.unitName, year: d.year, tables };
}

/** The figure of a row/column; throws when the seed has no such cell, so a typo cannot pass silently. */
export function figureAt(d: Disclosure, table: TableId, key: string, col: number): Figure {
  const f = d.tables[table]?.rows.find((r) => r.key === key)?.cells[col];
  if (!f) throw new Error(`no figure ${table}/${key}/${col}`);
  return f;
}

/** Sets a figure in place (use on a clone) and returns its cell reference. */
export function setFigure(d: Disclosure, table: TableId, key: string, col: number, value: Dec | string | number) {
  const f = figureAt(d, table, key, col);
  f.value = new Dec(value);
  f.blank = false;
  return f.at;
}

/** Adds an amount to a figure in place (use on a clone). */
export function addToFigure(d: Disclosure, table: TableId, key: string, col: number, delta: string | number) {
  const f = figureAt(d, table, key, col);
  f.value = f.value.plus(delta);
  f.blank = false;
  return f.at;
}

/** Everything a test file usually needs from the seed, loaded once (in `beforeAll`). */
export interface SeedFixture {
  bytes: Buffer;
  read: Extract<ReadResult, { status: 'read' }>;
  disclosure: Disclosure;
  grids: SheetGrid[];
  report: ValidationReport;
}

export async function loadSeed(): Promise<SeedFixture> {
  const bytes = await seedBytes();
  const grids = await seedGrids();
  const read = readGrids(grids);
  if (read.status !== 'read') throw new Error('seed unreadable');
  return { bytes, read, disclosure: read.disclosure, grids, report: validateRead(read) };
}

/**
 * IDs of the rules about the nine tables (file, structure, table, hierarchy, cross-table). Other checkers (the
 * supplementary sheets, the narrative) add their own warnings to `validate`; acceptance of the tables ignores those.
 */
export const TABLE_RULE_ID = /^(F|S|T\d|H|C|X)-\d{2}$/;

/** The findings of a report that come from the table rules. */
export function tableFindings(report: ValidationReport): Finding[] {
  return report.findings.filter((f) => TABLE_RULE_ID.test(f.rule));
}
