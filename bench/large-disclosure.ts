import { functionalName, T1_EXPENSE_LEI } from '../shared/codes/classification.ts';
import type { Disclosure, DisclosureTable, Figure, TableId, TableRow } from '../shared/disclosure/model.ts';
import { Dec } from '../shared/money/amount.ts';
import { writeDisclosureWorkbook } from '../shared/workbook/write-workbook.ts';

/**
 * A large, internally consistent disclosure for the benchmark: hundreds of 项 rows over many 类/款 in 收入决算表 (T2),
 * 支出决算表 (T3) and 一般公共预算财政拨款支出决算表 (T5), with T1/T4 derived from them so every identity holds
 * exactly. T6–T9 are the seed's (its 基本支出明细 pins T5's 基本支出 total, X-12). Deterministic (seeded PRNG):
 * every run measures the same workbook.
 */
export interface LargeOptions {
  /** Seed disclosure (T1/T4 row layout, T6–T9 tables and notes are taken from it). */
  seed: Disclosure;
  unitName: string;
  year: number;
  /** Approximate number of 项 rows in each classification table. */
  xiangCount?: number;
}

/** 14 类 of T1/T4's fixed list, the breadth of a large 主管部门 or a county-level unit. */
const LEI_CODES = ['201', '204', '205', '206', '207', '208', '210', '211', '212', '213', '214', '215', '220', '221'];

/** Common 项 suffixes (行政运行, 一般行政管理事务, 机关服务, 事业运行, 其他…) then numbered special items. */
const XIANG_SUFFIXES = ['01', '02', '03', '50', '99', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14'];
const XIANG_NAMES: Record<string, string> = {
  '01': '行政运行',
  '02': '一般行政管理事务',
  '03': '机关服务',
  '50': '事业运行',
};

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` cents over `weights` exactly (largest remainder). */
function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum === 0 ? 0 : (total * w) / sum));
  const out = exact.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((x, y) => y[0] - x[0]);
  for (const [, i] of order) {
    if (rest <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    rest--;
  }
  return out;
}

const fig = (cents: number): Figure => ({ value: new Dec(cents).div(100), at: null, blank: cents === 0 });
const cents = (f: Figure | undefined): number => (f ? f.value.times(100).toNumber() : 0);

interface Node {
  code: string;
  name: string;
  kind: 'lei' | 'kuan' | 'xiang';
}

/** Column values (cents) of one 项 in the three tables. */
interface XiangAmounts {
  /** T5: 一般公共预算财政拨款 基本支出 / 项目支出. */
  basicF: number;
  projectF: number;
  /** Non-fiscal money (事业收入, 其他收入) spent on 基本 / 项目 / 经营支出. */
  basicO: number;
  projectO: number;
  business: number;
}

function tree(xiangCount: number, rnd: () => number): { nodes: Node[]; xiang: Node[] } {
  const nodes: Node[] = [];
  const xiang: Node[] = [];
  const perLei = Math.ceil(xiangCount / LEI_CODES.length);
  for (const lei of LEI_CODES) {
    nodes.push({ code: lei, name: functionalName(lei) ?? `功能分类${lei}`, kind: 'lei' });
    const kuanCount = 3 + Math.floor(rnd() * 3);
    const perKuan = allocate(
      perLei,
      Array.from({ length: kuanCount }, () => 0.5 + rnd()),
    );
    perKuan.forEach((n, k) => {
      const kuan = `${lei}${String(k + 1).padStart(2, '0')}`;
      nodes.push({
        code: kuan,
        name: functionalName(kuan) ?? `${functionalName(lei) ?? lei}第${k + 1}款事务`,
        kind: 'kuan',
      });
      for (let x = 0; x < Math.max(1, n); x++) {
        const suffix = XIANG_SUFFIXES[x] ?? String(15 + x);
        const code = `${kuan}${suffix}`;
        const name =
          functionalName(code) ?? XIANG_NAMES[suffix] ?? (suffix === '99' ? '其他支出' : `专项业务${suffix}`);
        const node: Node = { code, name, kind: 'xiang' };
        nodes.push(node);
        xiang.push(node);
      }
    });
  }
  return { nodes, xiang };
}

function addInto(sum: number[], values: readonly number[] | undefined): void {
  values?.forEach((v, i) => {
    sum[i] = (sum[i] ?? 0) + v;
  });
}

function classified(
  base: DisclosureTable,
  nodes: readonly Node[],
  values: ReadonlyMap<string, number[]>,
  columns: number,
): DisclosureTable {
  const rows: TableRow[] = [];
  const total = new Array<number>(columns).fill(0);
  for (const n of nodes) if (n.kind === 'lei') addInto(total, values.get(n.code));
  const row = (
    key: string,
    kind: TableRow['kind'],
    code: string | null,
    name: string,
    v: readonly number[],
  ): TableRow => ({
    key,
    kind,
    code,
    name,
    line: null,
    printedLine: null,
    side: null,
    cells: Object.fromEntries(v.map((c, i) => [i + 1, fig(c)])),
  });
  rows.push(row('total', 'total', null, '合计', total));
  for (const n of nodes) rows.push(row(n.code, n.kind, n.code, n.name, values.get(n.code) ?? total.map(() => 0)));
  return { ...base, rows, emptyStatement: null };
}

/** Sums 项 values up to 款 and 类 (exact cents, so H-01/H-02 hold with zero difference). */
function rollUp(nodes: readonly Node[], xiangValues: Map<string, number[]>, width: number): Map<string, number[]> {
  const out = new Map(xiangValues);
  for (const n of nodes) {
    if (n.kind === 'xiang') continue;
    const children = nodes.filter((c) => c.kind === 'xiang' && c.code.startsWith(n.code));
    const sum = new Array<number>(width).fill(0);
    for (const c of children) addInto(sum, xiangValues.get(c.code));
    out.set(n.code, sum);
  }
  return out;
}

function setLine(t: DisclosureTable, line: number, col: number, value: number): void {
  const row = t.rows.find((r) => r.line === line);
  if (!row) throw new Error(`${t.id} has no line ${line}`);
  row.cells[col] = fig(value);
}

function cloneTable(t: DisclosureTable): DisclosureTable {
  return {
    ...t,
    columns: t.columns.map((c) => ({ ...c })),
    notes: [...t.notes],
    rows: t.rows.map((r) => ({ ...r, cells: { ...r.cells } })),
  };
}

export function largeDisclosure(options: LargeOptions): { disclosure: Disclosure; xiangRows: number; rows: number } {
  const { seed, unitName, year } = options;
  const rnd = mulberry32(20231231);
  const { nodes, xiang } = tree(options.xiangCount ?? 420, rnd);
  const need = (id: TableId): DisclosureTable => {
    const t = seed.tables[id];
    if (!t) throw new Error(`seed has no ${id}`);
    return t;
  };
  const t6 = need('T6');
  const basicTotal =
    cents(t6.rows.find((r) => r.key === 'personnel-total')?.cells[1]) +
    cents(t6.rows.find((r) => r.key === 'public-total')?.cells[1]);

  // 基本支出 from 一般公共预算 is pinned by T6; the rest is free.
  const basicWeights = xiang.map(() => (rnd() < 0.6 ? 0.2 + rnd() : 0));
  const basicF = allocate(basicTotal, basicWeights);
  const amounts: XiangAmounts[] = xiang.map((_, i) => ({
    basicF: basicF[i] ?? 0,
    projectF: rnd() < 0.7 ? Math.floor(rnd() * 120_000) : 0,
    basicO: rnd() < 0.3 ? Math.floor(rnd() * 30_000) : 0,
    projectO: rnd() < 0.3 ? Math.floor(rnd() * 60_000) : 0,
    business: rnd() < 0.05 ? Math.floor(rnd() * 10_000) : 0,
  }));

  const t2x = new Map<string, number[]>();
  const t3x = new Map<string, number[]>();
  const t5x = new Map<string, number[]>();
  xiang.forEach((n, i) => {
    const a = amounts[i] as XiangAmounts;
    const fiscal = a.basicF + a.projectF;
    const other = a.basicO + a.projectO + a.business;
    const shiye = Math.floor(other * 0.7);
    // T2: 本年收入合计 | 财政拨款收入 | 上级补助收入 | 事业收入 | 经营收入 | 附属单位上缴收入 | 其他收入
    t2x.set(n.code, [fiscal + other, fiscal, 0, shiye, 0, 0, other - shiye]);
    // T3: 本年支出合计 | 基本支出 | 项目支出 | 上缴上级支出 | 经营支出 | 对附属单位补助支出
    t3x.set(n.code, [fiscal + other, a.basicF + a.basicO, a.projectF + a.projectO, 0, a.business, 0]);
    // T5: 小计 | 基本支出 | 项目支出
    t5x.set(n.code, [fiscal, a.basicF, a.projectF]);
  });
  const t2v = rollUp(nodes, t2x, 7);
  const t3v = rollUp(nodes, t3x, 6);
  const t5v = rollUp(nodes, t5x, 3);
  const t2 = classified(need('T2'), nodes, t2v, 7);
  const t3 = classified(need('T3'), nodes, t3v, 6);
  const t5 = classified(need('T5'), nodes, t5v, 3);
  const total = (t: DisclosureTable, col: number) => cents(t.rows[0]?.cells[col]);

  const t1 = cloneTable(need('T1'));
  for (const r of t1.rows) r.cells = Object.fromEntries(Object.keys(r.cells).map((k) => [k, fig(0)]));
  // Income lines 1–8 from T2's 合计 columns (1–3 are 财政拨款; all of it is 一般公共预算 here).
  setLine(t1, 1, 1, total(t2, 2));
  setLine(t1, 4, 1, total(t2, 3));
  setLine(t1, 5, 1, total(t2, 4));
  setLine(t1, 6, 1, total(t2, 5));
  setLine(t1, 7, 1, total(t2, 6));
  setLine(t1, 8, 1, total(t2, 7));
  setLine(t1, 27, 1, total(t2, 1));
  setLine(t1, 31, 1, total(t2, 1));
  T1_EXPENSE_LEI.forEach((lei, i) => {
    setLine(t1, 32 + i, 2, t3v.get(lei.code)?.[0] ?? 0);
  });
  setLine(t1, 58, 2, total(t3, 1));
  setLine(t1, 62, 2, total(t3, 1));

  const t4 = cloneTable(need('T4'));
  for (const r of t4.rows) r.cells = Object.fromEntries(Object.keys(r.cells).map((k) => [k, fig(0)]));
  setLine(t4, 1, 1, total(t2, 2));
  setLine(t4, 27, 1, total(t2, 2));
  setLine(t4, 32, 1, total(t2, 2));
  T1_EXPENSE_LEI.forEach((lei, i) => {
    const v = t5v.get(lei.code)?.[0] ?? 0;
    setLine(t4, 33 + i, 2, v);
    setLine(t4, 33 + i, 3, v);
  });
  for (const line of [59, 64]) {
    setLine(t4, line, 2, total(t5, 1));
    setLine(t4, line, 3, total(t5, 1));
  }

  const tables: Disclosure['tables'] = { ...seed.tables, T1: t1, T2: t2, T3: t3, T4: t4, T5: t5 };
  for (const t of Object.values(tables)) {
    if (t) {
      t.unitName = unitName;
      t.year = year;
    }
  }
  return {
    disclosure: { unitName, year, tables },
    xiangRows: xiang.length,
    rows: t3.rows.length,
  };
}

/** The large disclosure as the bytes of an official-layout workbook. */
export async function largeWorkbook(
  options: LargeOptions,
): Promise<{ bytes: Buffer; xiangRows: number; rows: number }> {
  const { disclosure, xiangRows, rows } = largeDisclosure(options);
  const bytes = await writeDisclosureWorkbook(disclosure, { year: options.year, unitName: options.unitName });
  return { bytes, xiangRows, rows };
}
