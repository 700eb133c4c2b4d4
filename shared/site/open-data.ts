import type { Finding } from '../disclosure/finding.ts';
import {
  type CellRef,
  type Disclosure,
  type DisclosureTable,
  type Figure,
  type RowKind,
  TABLE_IDS,
  TABLE_NAMES,
  type TableId,
  type TableRow,
} from '../disclosure/model.ts';
import { Dec, formatAmount } from '../money/amount.ts';
import { sitePaths } from './paths.ts';
import { publicFindings } from './render-data-notes.ts';
import { href } from './render-layout.ts';
import type { PublishedDisclosure } from './site-model.ts';

/**
 * Open data of one disclosure: `data.json` (the normalized figures with codes, names and exact decimal strings;
 * schema in docs/data-schema.md) and `data.csv` (one row per figure). `disclosureFromDataJson` reads data.json back
 * into the Disclosure model, so anyone can rebuild the nine tables (or a workbook) from the published data.
 */

export const DATA_SCHEMA = 'gongkai.disclosure';
/** Bumped on any incompatible change; additions keep the version. */
export const DATA_SCHEMA_VERSION = 1;

export interface DataJsonCell {
  amount: string;
  blank: boolean;
  source: CellRef | null;
}

export interface DataJsonRow {
  key: string;
  kind: RowKind;
  code: string | null;
  name: string;
  line: number | null;
  printedLine: number | null;
  side: TableRow['side'];
  cells: Record<string, DataJsonCell>;
}

export interface DataJsonTable {
  id: TableId;
  name: string;
  title: string;
  sheet: string;
  mark: string | null;
  unitName: string | null;
  year: number | null;
  amountUnit: string | null;
  columns: { number: number; label: string }[];
  rows: DataJsonRow[];
  notes: string[];
  emptyStatement: string | null;
}

export interface DataJson {
  schema: typeof DATA_SCHEMA;
  schemaVersion: number;
  unit: { code: string; name: string; department: string | null };
  year: number;
  version: string;
  publishedAt: string;
  amountUnit: '万元';
  links: { page: string; csv: string; json: string };
  unitName: string | null;
  tables: DataJsonTable[];
  supplement: PublishedDisclosure['supplement'];
  findings: Finding[];
}

function cellToJson(f: Figure): DataJsonCell {
  return { amount: formatAmount(f.value), blank: f.blank, source: f.at };
}

function tableToJson(t: DisclosureTable): DataJsonTable {
  return {
    id: t.id,
    name: TABLE_NAMES[t.id],
    title: t.title,
    sheet: t.sheet,
    mark: t.mark,
    unitName: t.unitName,
    year: t.year,
    amountUnit: t.amountUnit,
    columns: t.columns.map((c) => ({ number: c.number, label: c.label })),
    rows: t.rows.map((r) => ({
      key: r.key,
      kind: r.kind,
      code: r.code,
      name: r.name,
      line: r.line,
      printedLine: r.printedLine,
      side: r.side,
      cells: Object.fromEntries(
        Object.entries(r.cells)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([k, f]) => [k, cellToJson(f)]),
      ),
    })),
    notes: [...t.notes],
    emptyStatement: t.emptyStatement,
  };
}

export function dataJson(p: PublishedDisclosure): DataJson {
  return {
    schema: DATA_SCHEMA,
    schemaVersion: DATA_SCHEMA_VERSION,
    unit: { code: p.unit.code, name: p.unit.name, department: p.unit.department },
    year: p.year,
    version: p.version,
    publishedAt: p.publishedAt,
    amountUnit: '万元',
    links: {
      page: href(sitePaths.disclosure(p.year, p.unit.code)),
      csv: href(sitePaths.disclosureCsv(p.year, p.unit.code)),
      json: href(sitePaths.disclosureData(p.year, p.unit.code)),
    },
    unitName: p.disclosure.unitName,
    tables: TABLE_IDS.flatMap((id) => {
      const t = p.disclosure.tables[id];
      return t ? [tableToJson(t)] : [];
    }),
    supplement: p.supplement,
    findings: publicFindings(p.findings),
  };
}

/** data.json is not what this reader understands (wrong schema, version or shape). */
export class DataJsonError extends Error {
  override name = 'DataJsonError';
}

function fail(where: string, what: string): never {
  throw new DataJsonError(`data.json ${where}: ${what}`);
}

function str(v: unknown, where: string): string {
  return typeof v === 'string' ? v : fail(where, 'expected a string');
}
function strOrNull(v: unknown, where: string): string | null {
  return v === null ? null : str(v, where);
}
function intOrNull(v: unknown, where: string): number | null {
  return v === null ? null : Number.isInteger(v) ? (v as number) : fail(where, 'expected an integer or null');
}
function obj(v: unknown, where: string): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : fail(where, 'expected an object');
}
function arr(v: unknown, where: string): unknown[] {
  return Array.isArray(v) ? v : fail(where, 'expected an array');
}

const AMOUNT = /^-?\d+\.\d{2}$/;
const ROW_KINDS: readonly RowKind[] = [
  'total',
  'lei',
  'kuan',
  'xiang',
  'line',
  'econ-lei',
  'econ-kuan',
  'econ-total',
  'single',
];
const SIDES = ['income', 'expense', 'personnel', 'public', null] as const;

function figureFromJson(v: unknown, where: string): Figure {
  const c = obj(v, where);
  const amount = str(c.amount, `${where}.amount`);
  if (!AMOUNT.test(amount)) fail(`${where}.amount`, `“${amount}” is not a decimal string with two decimals`);
  const source = c.source === null ? null : obj(c.source, `${where}.source`);
  return {
    value: new Dec(amount),
    blank: c.blank === true,
    at:
      source === null
        ? null
        : { sheet: str(source.sheet, `${where}.source.sheet`), cell: str(source.cell, `${where}.source.cell`) },
  };
}

function rowFromJson(v: unknown, where: string): TableRow {
  const r = obj(v, where);
  const kind = str(r.kind, `${where}.kind`) as RowKind;
  if (!ROW_KINDS.includes(kind)) fail(`${where}.kind`, `unknown row kind “${kind}”`);
  const side = (r.side ?? null) as TableRow['side'];
  if (!SIDES.includes(side)) fail(`${where}.side`, `unknown side “${String(side)}”`);
  const cells: Record<number, Figure> = {};
  for (const [k, c] of Object.entries(obj(r.cells, `${where}.cells`))) {
    if (!/^\d+$/.test(k)) fail(`${where}.cells`, `column “${k}” is not a number`);
    cells[Number(k)] = figureFromJson(c, `${where}.cells.${k}`);
  }
  return {
    key: str(r.key, `${where}.key`),
    kind,
    code: strOrNull(r.code, `${where}.code`),
    name: str(r.name, `${where}.name`),
    line: intOrNull(r.line, `${where}.line`),
    printedLine: intOrNull(r.printedLine, `${where}.printedLine`),
    side,
    cells,
  };
}

function tableFromJson(v: unknown, where: string): DisclosureTable {
  const t = obj(v, where);
  const id = str(t.id, `${where}.id`) as TableId;
  if (!TABLE_IDS.includes(id)) fail(`${where}.id`, `unknown table “${id}”`);
  return {
    id,
    title: str(t.title, `${where}.title`),
    sheet: str(t.sheet, `${where}.sheet`),
    mark: strOrNull(t.mark, `${where}.mark`),
    unitName: strOrNull(t.unitName, `${where}.unitName`),
    year: intOrNull(t.year, `${where}.year`),
    amountUnit: strOrNull(t.amountUnit, `${where}.amountUnit`),
    columns: arr(t.columns, `${where}.columns`).map((c, i) => {
      const col = obj(c, `${where}.columns[${i}]`);
      const number =
        intOrNull(col.number, `${where}.columns[${i}].number`) ?? fail(`${where}.columns[${i}]`, 'no number');
      return { number, label: str(col.label, `${where}.columns[${i}].label`) };
    }),
    rows: arr(t.rows, `${where}.rows`).map((r, i) => rowFromJson(r, `${where}.rows[${i}]`)),
    notes: arr(t.notes, `${where}.notes`).map((n, i) => str(n, `${where}.notes[${i}]`)),
    emptyStatement: strOrNull(t.emptyStatement, `${where}.emptyStatement`),
  };
}

/**
 * Reads a published data.json (text or parsed) back into the Disclosure model: the same tables, rows, codes and
 * exact figures the page was rendered from. Throws {@link DataJsonError} for anything else.
 *
 * @example disclosureFromDataJson(await (await fetch('/2023/101017/data.json')).text())
 */
export function disclosureFromDataJson(input: string | unknown): Disclosure {
  let parsed: unknown = input;
  if (typeof input === 'string') {
    try {
      parsed = JSON.parse(input);
    } catch (e) {
      throw new DataJsonError('data.json is not valid JSON', { cause: e });
    }
  }
  const root = obj(parsed, 'root');
  if (root.schema !== DATA_SCHEMA) fail('schema', `expected “${DATA_SCHEMA}”, got “${String(root.schema)}”`);
  if (root.schemaVersion !== DATA_SCHEMA_VERSION) {
    fail('schemaVersion', `this reader understands version ${DATA_SCHEMA_VERSION}, got ${String(root.schemaVersion)}`);
  }
  const tables: Disclosure['tables'] = {};
  arr(root.tables, 'tables').forEach((t, i) => {
    const table = tableFromJson(t, `tables[${i}]`);
    tables[table.id] = table;
  });
  return { unitName: strOrNull(root.unitName, 'unitName'), year: intOrNull(root.year, 'year'), tables };
}

/** CSV columns, one row per figure. */
export const CSV_COLUMNS = [
  'year',
  'unit_code',
  'table',
  'table_name',
  'row_key',
  'row_kind',
  'code',
  'name',
  'line',
  'column',
  'column_label',
  'amount',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
/** Leading whitespace a spreadsheet skips before deciding a cell is a formula (also full-width and no-break). */
const LEADING_SPACE = /^[\s\u3000\ufeff]+/;
/** Full-width ＝ ＋ － ＠, which spreadsheets (Excel with an IME, WPS) may take as their ASCII forms. */
const FULL_WIDTH_SIGNS: Record<string, string> = { '＝': '=', '＋': '+', '－': '-', '＠': '@' };

/** What a spreadsheet sees at the start of the field: whitespace trimmed, full-width signs folded. */
function formulaProbe(text: string): string {
  const trimmed = text.replace(LEADING_SPACE, '');
  const first = FULL_WIDTH_SIGNS[trimmed.charAt(0)];
  return first === undefined ? trimmed : first + trimmed.slice(1);
}

/**
 * One CSV field. Text a spreadsheet would run as a formula (= + - @ tab CR at the start, after leading whitespace,
 * full-width forms folded) is neutralized with a leading apostrophe (OWASP CSV injection); a plain negative number
 * such as `-1.00` is data, not a formula, and stays a number. Fields with comma, quote or line break are quoted
 * (RFC 4180).
 */
export function csvField(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  const probe = formulaProbe(text);
  if ((FORMULA_START.test(text) || FORMULA_START.test(probe)) && !PLAIN_NUMBER.test(probe)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function dataCsv(p: PublishedDisclosure): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const id of TABLE_IDS) {
    const t = p.disclosure.tables[id];
    if (!t) continue;
    const label = new Map(t.columns.map((c) => [c.number, c.label]));
    for (const r of t.rows) {
      for (const [col, f] of Object.entries(r.cells).sort(([a], [b]) => Number(a) - Number(b))) {
        const fields = [
          p.year,
          p.unit.code,
          id,
          TABLE_NAMES[id],
          r.key,
          r.kind,
          r.code,
          r.name,
          r.printedLine ?? r.line,
          Number(col),
          label.get(Number(col)) ?? '',
          formatAmount(f.value),
        ];
        lines.push(fields.map(csvField).join(','));
      }
    }
  }
  // UTF-8 with BOM and CRLF, so Excel on Chinese Windows opens it with the right encoding.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
