import { beforeAll, describe, expect, it } from 'vitest';
import type { Disclosure } from '../../shared/disclosure/model.ts';
import { checkDisclosure } from '../../shared/rules/validate.ts';
import { writeDisclosureWorkbook } from '../../shared/workbook/write-workbook.ts';
import {
  cloneDisclosure,
  describeFinding,
  loadSeed,
  SEED_UNIT,
  SEED_YEAR,
  type SeedFixture,
  validateBytes,
} from '../helpers/seed.ts';
import { casesOf, ruleIdsOf, runCase } from './cases.ts';

/** Presence, headers and identity of the workbook (RULES.md §3 “Structure and identity”): S-01 … S-07. */

let seed: SeedFixture;
beforeAll(async () => {
  seed = await loadSeed();
});

function renamed(d: Disclosure, unit: string): Disclosure {
  const copy = cloneDisclosure(d);
  copy.unitName = unit;
  for (const t of Object.values(copy.tables)) if (t) t.unitName = unit;
  return copy;
}

describe('structure rules', () => {
  it.each(ruleIdsOf('structure'))('%s holds on the seed', (rule) => {
    expect(seed.report.findings.filter((f) => f.rule === rule).map(describeFinding)).toEqual([]);
  });

  it('the seed reads its unit, year and 金额单位 from every table header', () => {
    for (const t of Object.values(seed.disclosure.tables)) {
      expect([t?.unitName, t?.year, t?.amountUnit], t?.id).toEqual([SEED_UNIT, SEED_YEAR, '万元']);
    }
  });

  it.each(casesOf('structure'))('$rule fails ($severity) when $change', async (c) => {
    const { hit, all } = await runCase(seed, c);
    expect(hit, all.map(describeFinding).join('\n')).not.toBeNull();
  });

  describe('S-04 identity against the upload', () => {
    it('accepts the registered unit and year', () => {
      const findings = checkDisclosure(seed.disclosure, { unitName: SEED_UNIT, year: SEED_YEAR });
      expect(findings.filter((f) => f.rule === 'S-04')).toEqual([]);
    });

    it('accepts a registered alias', () => {
      const d = renamed(seed.disclosure, '武汉市财政信息中心');
      const findings = checkDisclosure(d, { unitName: SEED_UNIT, unitAliases: ['武汉市财政信息中心'] });
      expect(findings.filter((f) => f.rule === 'S-04')).toEqual([]);
    });

    it('a name without its region prefix is a warning, not an error', () => {
      const d = renamed(seed.disclosure, '财政局信息中心');
      const s04 = checkDisclosure(d, { unitName: SEED_UNIT }).filter((f) => f.rule === 'S-04');
      expect(s04).toHaveLength(1);
      expect(s04[0]).toMatchObject({ severity: 'warning', actual: '财政局信息中心', expected: SEED_UNIT });
    });

    it('another unit is an error', () => {
      const d = renamed(seed.disclosure, '武汉市财政局会计服务中心');
      const s04 = checkDisclosure(d, { unitName: SEED_UNIT }).filter((f) => f.rule === 'S-04');
      expect(s04.map((f) => f.severity)).toEqual(['error']);
    });

    it('another year is an error pointing at the title', () => {
      const s04 = checkDisclosure(seed.disclosure, { year: 2024 }).filter((f) => f.rule === 'S-04');
      expect(s04).toEqual([
        expect.objectContaining({ severity: 'error', cell: 'A1', actual: '2023', expected: '2024' }),
      ]);
    });
  });

  it('S-02 accepts the 24-row T1/T4 without 债务还本/付息支出', () => {
    const d = cloneDisclosure(seed.disclosure);
    for (const id of ['T1', 'T4'] as const) {
      const t = d.tables[id];
      if (t) t.rows = t.rows.filter((r) => r.code !== '231' && r.code !== '232');
    }
    expect(checkDisclosure(d).filter((f) => f.rule === 'S-02')).toEqual([]);
  });

  describe('a blank template is rejected only for missing content', () => {
    it('without a unit: S-07, and one S-01a warning that the workbook names no unit', async () => {
      const report = await validateBytes(await writeDisclosureWorkbook(null, { year: 2024, unitName: '' }));
      expect(report.status).toBe('rejected');
      expect(report.findings.map((f) => `${f.rule} ${f.severity}`).sort()).toEqual(['S-01a warning', 'S-07 error']);
      expect(report.findings.find((f) => f.rule === 'S-01a')?.message).toContain('单位名称');
    });

    it('with a unit: only S-07', async () => {
      const report = await validateBytes(await writeDisclosureWorkbook(null, { year: 2024, unitName: '某某单位' }));
      expect(report.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['S-07 error']);
      expect(report.unit).toBe('某某单位');
      expect(report.year).toBe(2024);
    });
  });
});
