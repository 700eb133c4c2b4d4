import { beforeAll, describe, expect, it } from 'vitest';
import type { Disclosure, Figure } from '../../shared/disclosure/model.ts';
import { Dec } from '../../shared/money/amount.ts';
import { type Term, toleranceFor } from '../../shared/rules/engine.ts';
import { checkDisclosure, summarize } from '../../shared/rules/validate.ts';
import { addToFigure, cloneDisclosure, loadSeed, type SeedFixture, setFigure } from '../helpers/seed.ts';

/**
 * RULES.md §2: n rounded addends against a rounded total are consistent while |Δ| ≤ (n + 1) × 0.005; the same figure
 * in two places while |Δ| ≤ 0.01. Within tolerance but not equal → notice; beyond → the rule's severity.
 */

let seed: SeedFixture;
beforeAll(async () => {
  seed = await loadSeed();
});

const term = (value: string): Term => ({
  figure: { value: new Dec(value), at: null, blank: value === '0' } satisfies Figure,
  table: 'T1',
  sign: 1,
});

describe('toleranceFor', () => {
  it.each([
    [['62.62'], '0.01'],
    [['468.96', '49.25', '54.72', '62.63'], '0.025'],
    [['1', '2', '3', '4', '5', '6', '7', '8'], '0.045'],
  ])('%j → %s', (values, expected) => {
    expect(toleranceFor(values.map(term)).toFixed()).toBe(expected);
  });

  it('zero addends are exact and do not widen the interval', () => {
    expect(toleranceFor(['635.55', '0', '0', '0', '0', '0', '0', '0'].map(term)).toFixed()).toBe('0.01');
    expect(toleranceFor([]).toFixed()).toBe('0.01');
  });
});

function findingsAfter(change: (d: Disclosure) => void) {
  const d = cloneDisclosure(seed.disclosure);
  change(d);
  return checkDisclosure(d);
}

describe('notices within tolerance, errors beyond', () => {
  it('the seed’s rounding slips are notices that carry value, expected, difference and tolerance', () => {
    const t603 = seed.report.findings.filter((f) => f.rule === 'T6-01');
    expect(t603.map((f) => [f.cell, f.actual, f.expected, f.difference, f.tolerance])).toEqual([
      ['C6', '466.32', '466.31', '0.01', '0.045'],
      ['F6', '34.42', '34.41', '0.01', '0.05'],
    ]);
    expect(seed.report.status).toBe('accepted');
    expect(t603.every((f) => f.severity === 'notice' && f.message.includes('尾数误差'))).toBe(true);
  });

  it('n = 8 (301 and its 款): Δ 0.04 ≤ 0.045 is a notice, Δ 0.05 an error', () => {
    const within = findingsAfter((d) => addToFigure(d, 'T6', '30101', 1, '-0.03')).filter((f) => f.rule === 'T6-01');
    expect(within.find((f) => f.cell === 'C6')).toMatchObject({
      severity: 'notice',
      actual: '466.32',
      expected: '466.28',
      difference: '0.04',
      tolerance: '0.045',
    });
    const beyond = findingsAfter((d) => addToFigure(d, 'T6', '30101', 1, '-0.04'));
    expect(beyond.find((f) => f.rule === 'T6-01' && f.severity === 'error')).toMatchObject({
      difference: '0.05',
      tolerance: '0.045',
    });
    expect(summarize(beyond, null, null).status).toBe('rejected');
  });

  it('the boundary itself is within: n = 9 (302), Δ exactly 0.05 is a notice, 0.06 an error', () => {
    const at = findingsAfter((d) => addToFigure(d, 'T6', '30201', 1, '-0.04')).find((f) => f.cell === 'F6');
    expect(at).toMatchObject({ rule: 'T6-01', severity: 'notice', difference: '0.05', tolerance: '0.05' });
    const past = findingsAfter((d) => addToFigure(d, 'T6', '30201', 1, '-0.05'));
    expect(past.find((f) => f.rule === 'T6-01' && f.severity === 'error')).toMatchObject({
      difference: '0.06',
      tolerance: '0.05',
    });
  });

  it('the same figure in two places: Δ 0.01 is a notice, Δ 0.02 an error at the figure that disagrees', () => {
    const notice = seed.report.findings.find((f) => f.rule === 'X-05');
    expect(notice).toMatchObject({ severity: 'notice', difference: '0.01', tolerance: '0.01' });
    const findings = findingsAfter((d) => setFigure(d, 'T1', 'L50', 2, '62.64'));
    expect(findings.find((f) => f.rule === 'X-05')).toMatchObject({
      severity: 'error',
      cell: 'F25',
      actual: '62.64',
      expected: '62.62',
      difference: '0.02',
      tolerance: '0.01',
    });
    // The same change keeps T1-03 (n = 4, 0.025) within tolerance: Σ 635.57 against 635.55.
    expect(findings.find((f) => f.rule === 'T1-03')).toMatchObject({ severity: 'notice', difference: '-0.02' });
  });

  it('sums are exact decimals: 0.1 + 0.2 = 0.3 raises nothing (a float sum would differ)', () => {
    const findings = findingsAfter((d) => {
      setFigure(d, 'T9', 'row', 2, '0.1');
      setFigure(d, 'T9', 'row', 3, '0.2');
      setFigure(d, 'T9', 'row', 4, '0.2');
      setFigure(d, 'T9', 'row', 1, '0.3');
    });
    expect(findings.filter((f) => f.rule.startsWith('T9-'))).toEqual([]);
  });
});

describe('written zeros do not hide keying errors (RULES.md §2, issue #10 item 5)', () => {
  it('办公费 keyed 0.12 short in a T6 section of written 0.00: a warning naming a possible keying error', () => {
    // The seed's 302 section: 34.42 = Σ款. Every blank 款 written as 0.00 (24 of them), then 30201 办公费 keyed
    // 0.12 lower — within (n + 1) × 0.005 only because the written zeros count.
    const findings = findingsAfter((d) => {
      for (const row of d.tables.T6?.rows ?? []) {
        const f = row.cells[1];
        if (row.kind === 'econ-kuan' && row.code?.startsWith('302') && f?.blank) f.blank = false;
      }
      addToFigure(d, 'T6', '30201', 1, '-0.12');
    });
    const t6 = findings.filter((f) => f.rule === 'T6-01' && f.difference === '0.13');
    expect(t6.map((f) => f.severity)).toEqual(['warning']);
    expect(t6[0]?.message).toContain('可能为录入错误');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('the same slip with the zeros left blank is an error: blank cells are exact', () => {
    const findings = findingsAfter((d) => addToFigure(d, 'T6', '30201', 1, '-0.12'));
    expect(findings.filter((f) => f.rule === 'T6-01' && f.severity === 'error')).toHaveLength(1);
  });

  it('a difference within the non-zero band stays a notice', () => {
    const findings = findingsAfter((d) => {
      for (const row of d.tables.T6?.rows ?? []) if (row.cells[1]?.blank) row.cells[1].blank = false;
    });
    expect(findings.filter((f) => f.rule === 'T6-01').map((f) => f.severity)).toEqual(['notice', 'notice']);
  });
});
