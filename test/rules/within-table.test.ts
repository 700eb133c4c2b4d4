import { beforeAll, describe, expect, it } from 'vitest';
import { checkDisclosure } from '../../shared/rules/validate.ts';
import { COLUMN_LABELS } from '../../shared/workbook/table-layouts.ts';
import {
  addToFigure,
  cloneDisclosure,
  describeFinding,
  loadSeed,
  SEED_SHEETS,
  type SeedFixture,
  setFigure,
} from '../helpers/seed.ts';
import { casesOf, ruleIdsOf, runCase } from './cases.ts';

/** Identities inside one table (RULES.md §3 “Within one table”): T1-01 … T9-04. */

let seed: SeedFixture;
beforeAll(async () => {
  seed = await loadSeed();
});

describe('within-table rules', () => {
  it.each(ruleIdsOf('table'))('%s holds on the seed (nothing beyond a rounding notice)', (rule) => {
    const bad = seed.report.findings.filter((f) => f.rule === rule && f.severity !== 'notice');
    expect(bad.map(describeFinding)).toEqual([]);
  });

  it.each(casesOf('table'))('$rule fails ($severity) when $change', async (c) => {
    const { hit, all } = await runCase(seed, c);
    expect(hit, all.map(describeFinding).join('\n')).not.toBeNull();
  });

  it('reports the difference, the expected value and the tolerance used', () => {
    const d = cloneDisclosure(seed.disclosure);
    addToFigure(d, 'T1', 'L29', 1, 5);
    const f = checkDisclosure(d).find((x) => x.rule === 'T1-02');
    expect(f).toMatchObject({
      severity: 'error',
      table: 'T1',
      sheet: SEED_SHEETS.T1,
      cell: 'C35',
      actual: '5.00',
      expected: '0.00',
      difference: '5.00',
      tolerance: '0.015',
    });
    expect(f?.message).toContain('收入总计（31行）应等于27、28、29行之和');
  });

  it('T4-04 and T4-05 check every expenditure column 栏2…5 separately', () => {
    for (const col of [2, 3, 4, 5]) {
      const d = cloneDisclosure(seed.disclosure);
      addToFigure(d, 'T4', 'L59', col, 1);
      addToFigure(d, 'T4', 'L64', col, 1);
      const t404 = checkDisclosure(d).filter((f) => f.rule === 'T4-04' && f.severity === 'error');
      expect(t404.map((f) => f.message).join()).toContain(`栏${col}`);
    }
  });

  it('T4-08 is a warning reported at the fund’s income line, never localized elsewhere', () => {
    const d = cloneDisclosure(seed.disclosure);
    setFigure(d, 'T4', 'L29', 1, 1);
    const warnings = checkDisclosure(d).filter((f) => f.rule === 'T4-08');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', table: 'T4', cell: 'C8' });
  });

  it('T6-01: a 款 among several filled siblings cannot be singled out — the finding points at its 类 and says so', () => {
    const d = cloneDisclosure(seed.disclosure);
    addToFigure(d, 'T6', '30107', 1, 1);
    const errors = checkDisclosure(d).filter((f) => f.severity === 'error');
    expect(errors.map(describeFinding)).toHaveLength(1);
    expect(errors[0]).toMatchObject({ rule: 'T6-01', cell: 'C6', actual: '466.32', expected: '467.31' });
    expect(errors[0]?.message).toContain('无法仅凭勾稽关系确定');
  });

  it('T6-03 sums every 公用经费 类 present, not only 302 and 310', () => {
    const d = cloneDisclosure(seed.disclosure);
    const t6 = d.tables.T6;
    const lei302 = t6?.rows.find((r) => r.code === '302');
    const figure = lei302?.cells[1];
    if (!t6 || !lei302 || !figure) throw new Error('seed T6 without 302');
    t6.rows.push({
      ...lei302,
      key: '399',
      code: '399',
      name: '其他支出',
      cells: { 1: { ...figure, at: null } },
    });
    expect(checkDisclosure(d).some((f) => f.rule === 'T6-03' && f.severity === 'error')).toBe(true);
  });

  describe('T8 in the 6-column layout (…收入支出决算表) is checked as T7', () => {
    function wideT8() {
      const d = cloneDisclosure(seed.disclosure);
      const t7 = d.tables.T7;
      if (!t7) throw new Error('seed without T7');
      const t8 = cloneDisclosure({ unitName: null, year: null, tables: { T7: t7 } }).tables.T7;
      if (!t8) throw new Error('clone failed');
      for (const r of t8.rows) for (const f of Object.values(r.cells)) if (f.at) f.at.sheet = SEED_SHEETS.T8;
      d.tables.T8 = {
        ...t8,
        id: 'T8',
        sheet: SEED_SHEETS.T8,
        columns: COLUMN_LABELS.T7.map((label, i) => ({ number: i + 1, label })),
      };
      return d;
    }

    it('holds when empty', () => {
      expect(checkDisclosure(wideT8()).filter((f) => f.rule === 'T8-01')).toEqual([]);
    });

    it('fails when 栏3 ≠ 栏4 + 栏5 and when 栏6 ≠ 栏1 + 栏2 − 栏3', () => {
      const d = wideT8();
      setFigure(d, 'T8', 'total', 3, 1);
      const t801 = checkDisclosure(d).filter((f) => f.rule === 'T8-01');
      const messages = t801.filter((f) => f.severity === 'error').map((f) => f.message);
      expect(messages.some((m) => m.includes('栏3 本年支出小计应等于栏4 与栏5 之和'))).toBe(true);
      expect(messages.some((m) => m.includes('栏6 年末结转和结余应等于栏1 + 栏2 − 栏3'))).toBe(true);
      expect(t801.every((f) => f.cell === 'G7')).toBe(true);
    });
  });
});
