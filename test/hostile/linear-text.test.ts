import { beforeAll, describe, expect, it } from 'vitest';
import { reasonClause } from '../../shared/explain/format.ts';
import { buildNarrativeFacts, type NarrativeFacts } from '../../shared/explain/narrative-facts.ts';
import { previousFigures } from '../../shared/explain/previous-year.ts';
import { quotedAmounts, quotedPercents, sentences } from '../../shared/explain/quoted-figures.ts';
import { checkNarrativeText, MAX_FINDINGS_PER_TEXT } from '../../shared/rules/check-narrative.ts';
import { readDate } from '../../shared/supplement/read-cells.ts';
import { trimEndChars } from '../../shared/text/linear.ts';
import { type SeedPublication, seedPublication } from '../site/helpers.ts';

/**
 * Linear text handling (issue 11): a unit's text is untrusted and may be a 1 MB cell. Every text the narrative
 * checker, the explanations and the supplement reader match is handled in time linear in its length: each input
 * below took from seconds to hours with the former regular expressions (nested or adjacent quantifiers over the same
 * characters, per-figure rescans of the sentence); here each must take well under a second per megabyte.
 */
const MB = 1_000_000;
/** Generous for a loaded 2-core CI machine; the quadratic forms took minutes on these inputs. */
const BOUND_MS = 3_000;

let seed: SeedPublication;
let facts: NarrativeFacts;
beforeAll(async () => {
  seed = await seedPublication();
  facts = buildNarrativeFacts(seed.disclosure, seed.supplement, previousFigures(2023, null, seed.supplement));
});

const timed = <T>(f: () => T): { value: T; ms: number } => {
  const started = performance.now();
  const value = f();
  return { value, ms: performance.now() - started };
};

const HOSTILE_TEXTS: [string, () => string][] = [
  ['a 1 MB run of digits without a unit', () => `${'1'.repeat(MB)}x`],
  ['digits and dots', () => `${'1.'.repeat(MB / 2)}x`],
  ['100,000 quoted amounts in one sentence', () => '支出1万元'.repeat(MB / 5)],
  ['100,000 completion rates in one sentence', () => '年初预算为1万元完成预算的1%'.repeat(MB / 16)],
  ['shares after amounts in one sentence', () => '基本支出1万元占1%'.repeat(MB / 10)],
  ['changes in one sentence', () => '收入总计减少1万元下降1%'.repeat(MB / 14)],
  ['人员经费 repeated without 主要包括', () => `${'人员经费'.repeat(MB / 4)}主要包括`],
  ['人员经费主要包括 a list of 100,000 items', () => `人员经费主要包括：${'工资、'.repeat(MB / 3)}`],
  ['(类)…(款) without (项)', () => '（类）一般（款）财政'.repeat(MB / 10)],
  ['spaces between a number and its unit', () => `1${' \u00a0'.repeat(MB / 2)}x`],
];

describe('narrative checker on hostile text', () => {
  it.each(HOSTILE_TEXTS)('%s', (_name, make) => {
    const text = make();
    const { value, ms } = timed(() => checkNarrativeText(text, facts, { label: '说明', at: null, sheet: null }));
    expect(ms).toBeLessThan(BOUND_MS);
    expect(value.length).toBeLessThanOrEqual(MAX_FINDINGS_PER_TEXT);
    for (const f of value) expect(f.message.length).toBeLessThan(2_000);
  });

  it('still finds figures as before: amounts, percentages, clauses, glued numbers skipped', () => {
    const [s] = sentences('2023年收入总计 635.55 万元，比上年下降6.7%，占12.5％；日期2023.12.31万元');
    expect(quotedAmounts(s ?? '').map((q) => [q.text, q.clause])).toEqual([['635.55', '2023年收入总计']]);
    expect(quotedPercents(s ?? '').map((q) => [q.text, q.clause])).toEqual([
      ['6.7', '比上年下降'],
      ['12.5', '占'],
    ]);
    const [long] = sentences(`说明${'很长'.repeat(100)}支出为5万元`);
    expect(quotedAmounts(long ?? '')[0]?.clause.length).toBeLessThanOrEqual(60);
  });
});

describe('explanations and supplement cells on hostile text', () => {
  it('trims trailing stops in linear time', () => {
    const stops = `${'。'.repeat(MB)}x`;
    expect(timed(() => reasonClause(stops)).ms).toBeLessThan(BOUND_MS);
    expect(timed(() => trimEndChars(stops, '。.')).ms).toBeLessThan(BOUND_MS);
    expect(reasonClause('主要原因是压减支出。。')).toBe('主要原因是压减支出');
  });

  it('reads dates in linear time and as before', () => {
    const spaces = `2024-09-25${' '.repeat(MB)}\nx`;
    expect(timed(() => readDate({ kind: 'text', value: spaces })).ms).toBeLessThan(BOUND_MS);
    for (const [text, value] of [
      ['2024-09-25', '2024-09-25'],
      ['2024年9月25日', '2024-09-25'],
      ['2024/9/25 10:00:00', '2024-09-25'],
      ['2024-09-25T10:00', '2024-09-25'],
      ['2024-09-255', null],
    ] as const) {
      const read = readDate({ kind: 'text', value: text });
      expect(read.kind === 'value' ? read.value : null, text).toBe(value);
    }
  });
});
