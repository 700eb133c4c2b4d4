import fc from 'fast-check';
import type { Disclosure, TableId } from '../../shared/disclosure/model.ts';
import { Dec } from '../../shared/money/amount.ts';
import { cloneDisclosure } from '../helpers/seed.ts';

/**
 * Random consistent disclosures with the seed's shape (its 类/款/项 rows and 经济分类 rows), the way real ones are
 * made: every amount is an integer number of 分, every identity holds exactly in 元, and then each figure is rounded
 * on its own from 元 to 万元 with two decimals (half up) — so the tables carry genuine rounding differences (尾数误差)
 * and nothing else.
 */

/** 项 rows of the seed (功能分类), the leaves the other figures are summed from. */
const LEAVES = ['2010699', '2080502', '2080505', '2101102', '2210201', '2210202', '2210203'] as const;
/** 经济分类 款 of the seed that carry basic expenditure (none of them is a 三公 item, so X-17 stays quiet). */
const ECON_KUAN = [
  '30101',
  '30102',
  '30107',
  '30108',
  '30110',
  '30112',
  '30113',
  '30199',
  '30399',
  '30201',
  '30206',
  '30207',
  '30209',
  '30211',
  '30228',
  '30229',
  '30239',
  '30299',
] as const;
const T1_LINE: Record<string, string> = { '201': 'L32', '208': 'L39', '210': 'L40', '221': 'L50' };
const T4_LINE: Record<string, string> = { '201': 'L33', '208': 'L40', '210': 'L41', '221': 'L51' };

export interface GeneratedFigures {
  /** 分 of basic (基本支出) and project (项目支出) expenditure per 项. */
  basic: number[];
  project: number[];
  /** Relative weights splitting the basic expenditure over the 经济分类 款 of T6. */
  econWeights: number[];
}

/**
 * Smallest non-zero amount generated: 50 元, the least that does not round to 0.00 万元. The generated workbooks
 * leave a zero figure blank, and a blank cell is exact for the rules; a written 0.00 standing for a small amount is
 * covered by its own test in consistent-disclosure.test.ts.
 */
export const MIN_FEN = 5_000;

/** Up to 10 亿元 per 项, zero a fifth of the time, amounts near the rounding boundary now and then. */
const fen = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: MIN_FEN, max: 200_000 }) },
  { weight: 3, arbitrary: fc.integer({ min: MIN_FEN, max: 100_000_000_000 }) },
);

export const figuresArbitrary: fc.Arbitrary<GeneratedFigures> = fc.record({
  basic: fc.array(fen, { minLength: LEAVES.length, maxLength: LEAVES.length }),
  project: fc.array(fen, { minLength: LEAVES.length, maxLength: LEAVES.length }),
  econWeights: fc.array(fc.nat({ max: 1000 }), { minLength: ECON_KUAN.length, maxLength: ECON_KUAN.length }),
});

/** 分 → 万元, rounded half up to two decimals (1 万元 = 1,000,000 分). */
export function toWan(amountFen: number): Dec {
  return new Dec(amountFen).div(1_000_000).toDecimalPlaces(2);
}

/** Exact amounts in 分 by table/row key/column, before rounding. */
export type ExactFigures = Map<string, number>;

const at = (table: TableId, key: string, col: number) => `${table}/${key}/${col}`;

/** The exact (unrounded) figures of the disclosure the generated amounts describe. */
export function exactFigures(g: GeneratedFigures): ExactFigures {
  const m: ExactFigures = new Map();
  const add = (table: TableId, key: string, col: number, v: number) =>
    m.set(at(table, key, col), (m.get(at(table, key, col)) ?? 0) + v);
  let basicTotal = 0;
  LEAVES.forEach((leaf, i) => {
    const b = g.basic[i] ?? 0;
    const p = g.project[i] ?? 0;
    basicTotal += b;
    for (const key of [leaf, leaf.slice(0, 5), leaf.slice(0, 3), 'total']) {
      add('T3', key, 1, b + p);
      add('T3', key, 2, b);
      add('T3', key, 3, p);
      add('T2', key, 1, b + p);
      add('T2', key, 2, b + p);
      add('T5', key, 1, b + p);
      add('T5', key, 2, b);
      add('T5', key, 3, p);
    }
    const lei = leaf.slice(0, 3);
    add('T1', T1_LINE[lei] as string, 2, b + p);
    add('T4', T4_LINE[lei] as string, 2, b + p);
    add('T4', T4_LINE[lei] as string, 3, b + p);
    for (const [table, key, col] of [
      ['T1', 'L1', 1],
      ['T1', 'L27', 1],
      ['T1', 'L31', 1],
      ['T1', 'L58', 2],
      ['T1', 'L62', 2],
      ['T4', 'L1', 1],
      ['T4', 'L27', 1],
      ['T4', 'L32', 1],
      ['T4', 'L59', 2],
      ['T4', 'L59', 3],
      ['T4', 'L64', 2],
      ['T4', 'L64', 3],
    ] as const)
      add(table, key, col, b + p);
  });
  // T6: the basic expenditure split over 经济分类 款 in whole 分; shares below MIN_FEN are folded into the largest.
  const weightSum = g.econWeights.reduce((a, b) => a + b, 0) || 1;
  const shares = ECON_KUAN.map((_, i) => Math.floor((basicTotal * (g.econWeights[i] ?? 0)) / weightSum));
  for (let i = 0; i < shares.length; i++) if ((shares[i] ?? 0) < MIN_FEN) shares[i] = 0;
  const largest = shares.indexOf(Math.max(...shares));
  shares[largest] = (shares[largest] ?? 0) + basicTotal - shares.reduce((a, b) => a + b, 0);
  ECON_KUAN.forEach((code, i) => {
    const share = shares[i] ?? 0;
    add('T6', code, 1, share);
    add('T6', code.slice(0, 3), 1, share);
    const personnel = code.startsWith('301') || code.startsWith('303');
    add('T6', personnel ? 'personnel-total' : 'public-total', 1, share);
  });
  return m;
}

/**
 * The seed's disclosure with every figure replaced: the generated ones rounded to 万元, all others zero (blank).
 * Cell references stay the seed's, so a finding can be traced to the figure that was changed.
 */
export function roundedDisclosure(template: Disclosure, exact: ExactFigures): Disclosure {
  const d = cloneDisclosure(template);
  for (const t of Object.values(d.tables)) {
    if (!t) continue;
    for (const r of t.rows) {
      for (const [col, f] of Object.entries(r.cells)) {
        const amount = exact.get(at(t.id, r.key, Number(col)));
        f.value = toWan(amount ?? 0);
        f.blank = f.value.isZero();
      }
    }
  }
  return d;
}

/** Every figure of the disclosure as [table, row key, column]. */
export function figureKeys(d: Disclosure): [TableId, string, number][] {
  const out: [TableId, string, number][] = [];
  for (const t of Object.values(d.tables)) {
    if (!t) continue;
    for (const r of t.rows) for (const col of Object.keys(r.cells)) out.push([t.id, r.key, Number(col)]);
  }
  return out;
}
