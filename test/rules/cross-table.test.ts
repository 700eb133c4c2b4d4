import { beforeAll, describe, expect, it } from 'vitest';
import { checkDisclosure } from '../../shared/rules/validate.ts';
import {
  addToFigure,
  cloneDisclosure,
  describeFinding,
  loadSeed,
  type SeedFixture,
  setFigure,
} from '../helpers/seed.ts';
import { casesOf, ruleIdsOf, runCase } from './cases.ts';

/** Identities and inequalities between tables (RULES.md §3 “Across tables”): X-01 … X-17. */

let seed: SeedFixture;
beforeAll(async () => {
  seed = await loadSeed();
});

describe('cross-table rules', () => {
  it.each(ruleIdsOf('cross'))('%s holds on the seed (nothing beyond a rounding notice)', (rule) => {
    const bad = seed.report.findings.filter((f) => f.rule === rule && f.severity !== 'notice');
    expect(bad.map(describeFinding)).toEqual([]);
  });

  it.each(casesOf('cross'))('$rule fails ($severity) when $change', async (c) => {
    const { hit, all } = await runCase(seed, c);
    expect(hit, all.map(describeFinding).join('\n')).not.toBeNull();
  });

  it('X-05 compares each T1 类 line with the T3 row of that code (名称 → 编码)', () => {
    const d = cloneDisclosure(seed.disclosure);
    addToFigure(d, 'T3', '210', 1, 1);
    const x05 = checkDisclosure(d).filter((f) => f.rule === 'X-05' && f.severity === 'error');
    expect(x05).toHaveLength(1);
    expect(x05[0]?.message).toContain('“卫生健康支出”（210）');
  });

  it('X-08: the seed’s 住房保障支出 slip (62.63 vs 62.62) is a notice; 62.64 is an error', () => {
    const notice = seed.report.findings.find((f) => f.rule === 'X-08');
    expect(notice).toMatchObject({ severity: 'notice', cell: 'G26', actual: '62.63', expected: '62.62' });
    const d = cloneDisclosure(seed.disclosure);
    setFigure(d, 'T4', 'L51', 3, '62.64');
    setFigure(d, 'T4', 'L51', 2, '62.64');
    const x08 = checkDisclosure(d).find((f) => f.rule === 'X-08');
    expect(x08).toMatchObject({ severity: 'error', difference: '0.02', tolerance: '0.01' });
  });

  it('X-09/X-11 pair each T4 类 line with the T7/T8 row of that 类', () => {
    const d = cloneDisclosure(seed.disclosure);
    setFigure(d, 'T4', 'L41', 5, 1);
    setFigure(d, 'T4', 'L41', 2, '55.72');
    const x11 = checkDisclosure(d).filter((f) => f.rule === 'X-11' && f.severity === 'error');
    expect(x11.map((f) => f.message).join('\n')).toContain('“卫生健康支出”栏5');
  });

  it('X-13 does not warn for equal figures and tolerates a cent', () => {
    const d = cloneDisclosure(seed.disclosure);
    addToFigure(d, 'T5', '2010699', 3, '0.01');
    addToFigure(d, 'T5', '2010699', 1, '0.01');
    expect(checkDisclosure(d).filter((f) => f.rule === 'X-13')).toEqual([]);
  });

  it('X-16 is silent for an empty T8/T9 with their statements and warns without them', () => {
    expect(seed.disclosure.tables.T8?.emptyStatement).toBe('本单位当年无国有资本经营预算财政拨款支出。');
    expect(seed.disclosure.tables.T9?.emptyStatement).toBe('本单位当年无财政拨款“三公”经费支出。');
    const d = cloneDisclosure(seed.disclosure);
    if (d.tables.T8) d.tables.T8.emptyStatement = null;
    if (d.tables.T9) d.tables.T9.emptyStatement = null;
    const x16 = checkDisclosure(d).filter((f) => f.rule === 'X-16');
    expect(x16.map((f) => `${f.severity} ${f.table}`).sort()).toEqual(['warning T8', 'warning T9']);
  });

  it('X-17 compares T9 决算 with the T6 items (a larger T9 figure is fine)', () => {
    const d = cloneDisclosure(seed.disclosure);
    setFigure(d, 'T6', '30217', 1, 2);
    setFigure(d, 'T9', 'row', 12, 1);
    const x17 = checkDisclosure(d).filter((f) => f.rule === 'X-17');
    expect(x17).toHaveLength(1);
    expect(x17[0]).toMatchObject({ severity: 'warning', cell: 'L7', actual: '1.00', expected: '≥ 2.00' });
    setFigure(d, 'T9', 'row', 12, 3);
    expect(checkDisclosure(d).filter((f) => f.rule === 'X-17')).toEqual([]);
  });
});
