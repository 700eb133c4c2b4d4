import ExcelJS from 'exceljs';
import { OPTIONAL_T1_LEI, T1_EXPENSE_LEI } from '../codes/classification.ts';
import { ECONOMIC_CODES } from '../codes/code-lists.generated.ts';
import type { Disclosure, Figure, TableId, TableRow } from '../disclosure/model.ts';
import { TABLE_NAMES } from '../disclosure/model.ts';
import { T9_BUDGET_NOTE, t1IdentityNotes, t4IdentityNotes } from '../disclosure/official-notes.ts';
import { COLUMN_LABELS, T1_LINES, T4_LINES } from '../disclosure/table-layouts.ts';

/**
 * Writes the nine tables in the official layout (as in the seed): title, 公开NN表 mark, 单位/金额单位 line,
 * header rows, 栏次 row, rows, notes. With no disclosure it is the blank template units fill in; with one it
 * rebuilds a workbook from normalized figures (open-data round trip, generated test and load workbooks).
 */
export interface WriteOptions {
  year: number;
  unitName: string;
  /** Codes in one merged cell (`2010699`) or split into 类 | 款 | 项 columns (`201 | 06 | 99`). */
  codeLayout?: 'joined' | 'split';
  /** 26 类 rows in T1/T4, or the 24-row variant without 债务还本/付息支出. */
  leiRows?: 24 | 26;
  /** How a zero is written: left blank, `0.00` or `-`. */
  zeroAs?: 'blank' | '0.00' | '-';
  /** Write amounts as text (`"635.55"`) instead of numbers. */
  numbersAsText?: boolean;
  /** Sheet order (default T1…T9). */
  order?: readonly TableId[];
  /** Extra sheets appended after the tables (supplementary information). */
  extraSheets?: (wb: ExcelJS.Workbook) => void;
}

const EMPTY_STATEMENTS: Partial<Record<TableId, string>> = {
  T7: '本单位当年无政府性基金预算财政拨款收入支出。',
  T8: '本单位当年无国有资本经营预算财政拨款支出。',
  T9: '本单位当年无财政拨款“三公”经费支出。',
};

const NOTES: Record<TableId, string[]> = {
  T1: ['注：1. 本表反映单位本年度的总收支和年末结转结余情况。', '2. 本套报表金额单位转换时可能存在尾数误差。'],
  T2: ['注：本表反映单位本年度取得的各项收入情况。', '1 栏各行 = (2+3+4+5+6+7) 栏各行。'],
  T3: ['注：本表反映单位本年度各项支出情况。', '1 栏各行 = (2+3+4+5+6) 栏各行。'],
  T4: [
    '注：本表反映单位本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。',
  ],
  T5: ['注：本表反映单位本年度一般公共预算财政拨款支出情况。', '1 栏各行 = (2+3) 栏各行。'],
  T6: ['注：本表反映单位本年度一般公共预算财政拨款基本支出明细情况。'],
  T7: [
    '注：本表反映单位本年度政府性基金预算财政拨款收入、支出及结转和结余情况。',
    '6 栏各行 = (1+2-3) 栏各行；3 栏各行 = (4+5) 栏各行。',
  ],
  T8: ['注：本表反映单位本年度国有资本经营预算财政拨款支出情况。', '1 栏各行 = (2+3) 栏各行。'],
  T9: [
    `注：本表反映单位本年度财政拨款“三公”经费支出预决算情况。${T9_BUDGET_NOTE}`,
    '1 栏 = (2+3+6) 栏；3 栏 = (4+5) 栏；7 栏 = (8+9+12) 栏；9 栏 = (10+11) 栏。',
  ],
};

/** Sheet names: the table names, without the quotation marks some spreadsheet programs refuse in sheet names. */
const SHEET_NAMES: Record<TableId, string> = { ...TABLE_NAMES, T9: '财政拨款三公经费支出决算表' };

type Cell = string | number | null;

class SheetWriter {
  constructor(
    readonly ws: ExcelJS.Worksheet,
    readonly opts: WriteOptions,
  ) {}

  amount(f: Figure | undefined): Cell {
    const v = f?.value;
    if (v === undefined || v.isZero()) {
      if (this.opts.zeroAs === '0.00') return this.opts.numbersAsText ? '0.00' : 0;
      if (this.opts.zeroAs === '-') return '-';
      return null;
    }
    return this.opts.numbersAsText ? v.toFixed(2) : v.toNumber();
  }

  row(r: number, values: Cell[]): void {
    values.forEach((v, i) => {
      if (v !== null) this.ws.getCell(r, i + 1).value = v;
    });
  }

  header(id: TableId, width: number, mark: number): void {
    this.ws.getCell(1, 1).value = `${this.opts.year}年度${TABLE_NAMES[id]}`;
    this.ws.mergeCells(1, 1, 1, width);
    this.ws.getCell(2, width).value = `公开${String(mark).padStart(2, '0')}表`;
    this.ws.getCell(3, 1).value = `单位：${this.opts.unitName}`;
    this.ws.getCell(3, width).value = '金额单位：万元';
  }

  /** The table's notes, then `extra` (T1/T4: the official 行 identities, numbered as this layout prints them). */
  notes(id: TableId, from: number, empty: boolean, extra: readonly string[] = []): void {
    let r = from + 1;
    for (const n of [...NOTES[id], ...extra]) this.ws.getCell(r++, 1).value = n;
    const statement = EMPTY_STATEMENTS[id];
    if (empty && statement) this.ws.getCell(r, 1).value = statement;
  }
}

function isEmptyTable(d: Disclosure | null, id: TableId): boolean {
  const t = d?.tables[id];
  return !t || t.rows.every((r) => Object.values(r.cells).every((f) => f.value.isZero()));
}

export async function writeDisclosureWorkbook(disclosure: Disclosure | null, opts: WriteOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  const order = opts.order ?? (['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9'] as const);
  order.forEach((id) => {
    const ws = wb.addWorksheet(SHEET_NAMES[id]);
    const w = new SheetWriter(ws, opts);
    const mark = Number(id.slice(1));
    if (id === 'T1' || id === 'T4') writeTotals(w, id, disclosure, mark);
    else if (id === 'T6') writeBasic(w, disclosure, mark);
    else if (id === 'T9') writeSanGong(w, disclosure, mark);
    else writeClassified(w, id, disclosure, mark);
  });
  opts.extraSheets?.(wb);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function lineRow(d: Disclosure | null, id: TableId, line: number): TableRow | undefined {
  return d?.tables[id]?.rows.find((r) => r.line === line);
}

function writeTotals(w: SheetWriter, id: 'T1' | 'T4', d: Disclosure | null, mark: number): void {
  const t4 = id === 'T4';
  const width = t4 ? 9 : 6;
  w.header(id, width, mark);
  w.row(4, ['收入', null, null, '支出']);
  w.ws.mergeCells(4, 1, 4, 3);
  w.ws.mergeCells(4, 4, 4, width);
  w.row(5, ['项目', '行次', t4 ? '决算数' : '金额', '项目', '行次', t4 ? '决算数' : '金额']);
  let r = 6;
  if (t4) {
    w.row(6, [
      null,
      null,
      null,
      null,
      null,
      '合计',
      '一般公共预算财政拨款',
      '政府性基金预算财政拨款',
      '国有资本经营预算财政拨款',
    ]);
    r = 7;
  }
  w.row(r, ['栏次', null, 1, '栏次', null, ...(t4 ? [2, 3, 4, 5] : [2])]);
  const lei = T1_EXPENSE_LEI.filter((l) => includesDebtRows(w.opts) || !OPTIONAL_T1_LEI.has(l.code));
  const income: [string, number][] = t4
    ? [
        ['一、一般公共预算财政拨款', T4_LINES.generalBudgetIncome],
        ['二、政府性基金预算财政拨款', T4_LINES.governmentFundIncome],
        ['三、国有资本经营预算财政拨款', T4_LINES.stateCapitalIncome],
      ]
    : [
        ['一、一般公共预算财政拨款收入', T1_LINES.generalBudgetIncome],
        ['二、政府性基金预算财政拨款收入', T1_LINES.governmentFundIncome],
        ['三、国有资本经营预算财政拨款收入', T1_LINES.stateCapitalIncome],
        ['四、上级补助收入', T1_LINES.superiorSubsidyIncome],
        ['五、事业收入', T1_LINES.businessIncome],
        ['六、经营收入', T1_LINES.operatingIncome],
        ['七、附属单位上缴收入', T1_LINES.affiliatedUnitIncome],
        ['八、其他收入', T1_LINES.otherIncome],
      ];
  const ordinals = '一二三四五六七八九十'.split('');
  const cn = (n: number) =>
    n <= 10
      ? ordinals[n - 1]
      : n < 20
        ? `十${ordinals[n - 11] ?? ''}`
        : `${ordinals[Math.floor(n / 10) - 1]}十${ordinals[(n % 10) - 1] ?? ''}`;
  const first = t4 ? T4_LINES.firstLei : T1_LINES.firstLei;
  const expenseCols = t4 ? [2, 3, 4, 5] : [2];
  const put = (
    row: number,
    side: 'income' | 'expense',
    label: string | null,
    printed: number,
    canonical: number | null,
  ) => {
    const src = canonical === null ? undefined : lineRow(d, id, canonical);
    const amounts = side === 'income' ? [w.amount(src?.cells[1])] : expenseCols.map((c) => w.amount(src?.cells[c]));
    const offset = side === 'income' ? 1 : 4;
    w.ws.getCell(row, offset + 1).value = printed;
    if (label) w.ws.getCell(row, offset).value = label;
    amounts.forEach((a, i) => {
      if (a !== null && canonical !== null) w.ws.getCell(row, offset + 2 + i).value = a;
    });
  };
  const start = r + 1;
  const n = lei.length;
  for (let i = 0; i < n; i++) {
    const row = start + i;
    const inc = income[i];
    put(row, 'income', inc?.[0] ?? null, i + 1, inc?.[1] ?? null);
    const l = lei[i];
    if (l) {
      const canonical = first + T1_EXPENSE_LEI.findIndex((x) => x.code === l.code);
      put(row, 'expense', `${cn(i + 1)}、${l.name}`, first + i, canonical);
    }
  }
  let row = start + n;
  // Lines after the 类 block: printed 行次 continue from the block; canonical lines are the 26-row layout's.
  const p = n + 1;
  const e = first + n;
  const L1 = T1_LINES;
  const L4 = T4_LINES;
  const tail: [string | null, number | null, string | null, number | null][] = t4
    ? [
        ['本年收入合计', L4.incomeTotal, '本年支出合计', L4.expenseTotal],
        ['年初财政拨款结转和结余', L4.opening, '年末财政拨款结转和结余', L4.closing],
        ['一般公共预算财政拨款', L4.openingFirstFund, null, null],
        ['政府性基金预算财政拨款', L4.openingGovernmentFund, null, null],
        ['国有资本经营预算财政拨款', L4.openingStateCapital, null, null],
        ['总计', L4.grandTotalIncome, '总计', L4.grandTotalExpense],
      ]
    : [
        ['本年收入合计', L1.incomeTotal, '本年支出合计', L1.expenseTotal],
        ['使用非财政拨款结余', L1.nonFiscalBalanceUsed, '结余分配', L1.distribution],
        ['年初结转和结余', L1.opening, '年末结转和结余', L1.closing],
        [null, null, null, null],
        ['总计', L1.grandTotalIncome, '总计', L1.grandTotalExpense],
      ];
  // Printed 行次 by canonical line: the 收入 rows above the 类 block print their own (i + 1) in both layouts.
  const printedOf = new Map<number, number>(income.map(([, canonical], i) => [canonical, i + 1]));
  tail.forEach(([il, ic, el, ec], i) => {
    put(row, 'income', il, p + i, ic);
    put(row, 'expense', el, e + i, ec);
    if (ic !== null) printedOf.set(ic, p + i);
    if (ec !== null) printedOf.set(ec, e + i);
    row++;
  });
  // The notes name the 行次 this layout prints (the 24-类 layout numbers its tail lines lower).
  const at = (canonical: number) => printedOf.get(canonical) ?? canonical;
  const range: [number, number] = [first, first + n - 1];
  w.notes(id, row, false, t4 ? t4IdentityNotes(at, range) : t1IdentityNotes(at, range));
  w.ws.getColumn(1).width = 34;
  w.ws.getColumn(4).width = 34;
}

function includesDebtRows(o: WriteOptions): boolean {
  return (o.leiRows ?? 26) === 26;
}

function codeCells(w: SheetWriter, code: string | null): Cell[] {
  if (code === null) return [null, null, null];
  if (w.opts.codeLayout === 'split') return [code.slice(0, 3), code.slice(3, 5) || null, code.slice(5, 7) || null];
  return [code, null, null];
}

function writeClassified(w: SheetWriter, id: TableId, d: Disclosure | null, mark: number): void {
  const table = d?.tables[id];
  const labels = table?.columns.map((c) => c.label) ?? COLUMN_LABELS[id];
  const width = 4 + labels.length;
  w.header(id, width, mark);
  w.row(4, ['项目', null, null, null, ...labels]);
  w.ws.mergeCells(4, 1, 4, 4);
  w.row(5, ['功能分类科目编码', null, null, '科目名称']);
  w.ws.mergeCells(5, 1, 5, 3);
  w.row(6, ['类', '款', '项', '栏次', ...labels.map((_, i) => i + 1)]);
  let r = 7;
  const rows = table?.rows ?? [];
  const total = rows.find((x) => x.kind === 'total');
  w.row(r++, [null, null, null, '合计', ...labels.map((_, i) => w.amount(total?.cells[i + 1]))]);
  for (const row of rows.filter((x) => x.kind !== 'total')) {
    w.row(r, [...codeCells(w, row.code), row.name, ...labels.map((_, i) => w.amount(row.cells[i + 1]))]);
    if (w.opts.codeLayout !== 'split') w.ws.mergeCells(r, 1, r, 3);
    r++;
  }
  w.notes(id, r, isEmptyTable(d, id));
  w.ws.getColumn(4).width = 30;
}

function writeBasic(w: SheetWriter, d: Disclosure | null, mark: number): void {
  w.header('T6', 9, mark);
  w.row(4, ['人员经费', null, null, '公用经费']);
  w.ws.mergeCells(4, 1, 4, 3);
  w.ws.mergeCells(4, 4, 4, 9);
  w.row(5, ['科目代码', '科目名称', '决算数', '科目代码', '科目名称', '决算数', '科目代码', '科目名称', '决算数']);
  const table = d?.tables.T6;
  const fig = (code: string) => table?.rows.find((r) => r.code === code)?.cells[1];
  // Template rows: the economic list of the year; a disclosure's own rows when it has codes beyond it.
  const listed = (lei: string[]) => {
    const codes = ECONOMIC_CODES.filter((e) => lei.includes(e.code.slice(0, 3)) && e.group !== null).map((e) => ({
      code: e.code,
      name: e.name,
    }));
    for (const r of table?.rows ?? []) {
      if (r.code && lei.includes(r.code.slice(0, 3)) && !codes.some((c) => c.code === r.code))
        codes.push({ code: r.code, name: r.name });
    }
    return codes;
  };
  const groups = [listed(['301', '303']), listed(['302']), listed(['310'])];
  const height = Math.max(...groups.map((g) => g.length));
  for (let i = 0; i < height; i++) {
    groups.forEach((g, gi) => {
      const e = g[i];
      if (!e) return;
      const c = gi * 3 + 1;
      w.ws.getCell(6 + i, c).value = e.code;
      w.ws.getCell(6 + i, c + 1).value = e.name;
      const a = w.amount(fig(e.code));
      if (a !== null) w.ws.getCell(6 + i, c + 2).value = a;
    });
  }
  const r = 6 + height;
  const personnel = w.amount(table?.rows.find((x) => x.key === 'personnel-total')?.cells[1]);
  const pub = w.amount(table?.rows.find((x) => x.key === 'public-total')?.cells[1]);
  w.ws.getCell(r, 1).value = '人员经费合计';
  w.ws.mergeCells(r, 1, r, 2);
  if (personnel !== null) w.ws.getCell(r, 3).value = personnel;
  w.ws.getCell(r, 4).value = '公用经费合计';
  w.ws.mergeCells(r, 4, r, 8);
  if (pub !== null) w.ws.getCell(r, 9).value = pub;
  w.notes('T6', r + 1, false);
}

function writeSanGong(w: SheetWriter, d: Disclosure | null, mark: number): void {
  w.header('T9', 12, mark);
  w.row(4, ['预算数', null, null, null, null, null, '决算数']);
  w.ws.mergeCells(4, 1, 4, 6);
  w.ws.mergeCells(4, 7, 4, 12);
  const names = [
    '合计',
    '因公出国（境）费',
    '公务用车购置及运行维护费小计',
    '公务用车购置费',
    '公务用车运行维护费',
    '公务接待费',
  ];
  w.row(5, [...names, ...names]);
  w.row(
    6,
    Array.from({ length: 12 }, (_, i) => i + 1),
  );
  const row = d?.tables.T9?.rows[0];
  w.row(
    7,
    Array.from({ length: 12 }, (_, i) => w.amount(row?.cells[i + 1])),
  );
  w.notes('T9', 8, isEmptyTable(d, 'T9'));
}
