import { beforeAll, describe, expect, it } from 'vitest';
import { checkDisclosure } from '../../shared/rules/validate.ts';
import {
  addToFigure,
  cloneDisclosure,
  describeFinding,
  loadSeed,
  SEED_SHEETS,
  type SeedFixture,
  validateGrids,
  withCell,
} from '../helpers/seed.ts';
import { casesOf, ruleIdsOf, runCase } from './cases.ts';

/** 类/款/项 hierarchy and amount format (RULES.md §3): H-01 … H-05, C-01. */

let seed: SeedFixture;
beforeAll(async () => {
  seed = await loadSeed();
});

describe('hierarchy rules', () => {
  it.each(ruleIdsOf('hierarchy'))('%s holds on the seed', (rule) => {
    expect(seed.report.findings.filter((f) => f.rule === rule).map(describeFinding)).toEqual([]);
  });

  it.each(casesOf('hierarchy'))('$rule fails ($severity) when $change', async (c) => {
    const { hit, all } = await runCase(seed, c);
    expect(hit, all.map(describeFinding).join('\n')).not.toBeNull();
  });

  it('H-01 and H-02 check every numeric column of every classified table', () => {
    for (const [table, cols] of [
      ['T2', 7],
      ['T3', 6],
      ['T5', 3],
      ['T7', 6],
      ['T8', 3],
    ] as const) {
      for (let col = 1; col <= cols; col++) {
        const d = cloneDisclosure(seed.disclosure);
        addToFigure(d, table, 'total', col, 1);
        const h01 = checkDisclosure(d).filter((f) => f.rule === 'H-01' && f.severity === 'error');
        expect(h01.map((f) => `${f.table} ${f.message}`).join(), `${table} 栏${col}`).toContain(`合计行栏${col}`);
      }
    }
  });

  it('H-02 compares a 款 with its 项 and a 类 with its 款', () => {
    const d = cloneDisclosure(seed.disclosure);
    addToFigure(d, 'T5', '2210201', 1, 1);
    const h02 = checkDisclosure(d).filter((f) => f.rule === 'H-02' && f.severity === 'error');
    expect(h02.map((f) => f.message).join('\n')).toContain('22102 住房改革支出 栏1 应等于其所属各项之和');
    expect(h02.every((f) => f.table === 'T5' && f.cell === 'E20')).toBe(true);
  });

  it('H-05: amounts are read exactly and kept at two decimals', () => {
    const ok = validateGrids(withCell(seed.grids, SEED_SHEETS.T2, 'F14', { kind: 'text', value: '48.40' }));
    expect(ok.findings.filter((f) => f.rule === 'H-05')).toEqual([]);
    const tooFine = validateGrids(withCell(seed.grids, SEED_SHEETS.T2, 'F14', { kind: 'number', value: 48.401 }));
    expect(tooFine.findings.find((f) => f.rule === 'H-05')).toMatchObject({
      severity: 'error',
      cell: 'F14',
      actual: '48.401',
    });
  });

  it('H-05: float noise of a formula result (635.5500000000001) is not a third decimal', () => {
    const r = validateGrids(withCell(seed.grids, SEED_SHEETS.T1, 'C33', { kind: 'number', value: 635.5500000000001 }));
    expect(r.findings.filter((f) => f.severity !== 'notice').map(describeFinding)).toEqual([]);
  });

  it('H-03: a code whose 款 or 类 row is missing is named with its cell', () => {
    const d = cloneDisclosure(seed.disclosure);
    const t3 = d.tables.T3;
    if (t3) t3.rows = t3.rows.filter((r) => r.code !== '210');
    const h03 = checkDisclosure(d).filter((f) => f.rule === 'H-03');
    expect(h03.map((f) => `${f.cell} ${f.message}`)).toEqual([
      'A16 款 21011 行政事业单位医疗 缺少所属的类 210 行。',
      'A17 项 2101102 事业单位医疗 缺少所属的 类 210 行。',
    ]);
  });
});
