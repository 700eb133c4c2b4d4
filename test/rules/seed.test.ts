import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidationReport } from '../../shared/rules/validate.ts';
import { validateWorkbook } from '../../shared/validate-workbook.ts';
import {
  noticeShape,
  SEED_NOTICES,
  SEED_SHEETS,
  SEED_UNIT,
  SEED_YEAR,
  seedBytes,
  sortedNotices,
  tableFindings,
} from '../helpers/seed.ts';

/**
 * RULES.md §4: the seed is a real published disclosure with rounding slips. A correct validator accepts it and
 * reports each table slip as a notice with its figures (the narrative slips belong to the narrative checker).
 */

let report: ValidationReport;
beforeAll(async () => {
  ({ report } = await validateWorkbook(await seedBytes(), { unitName: SEED_UNIT, year: SEED_YEAR }));
});

describe('the seed workbook', () => {
  it('is accepted with no error, and no warning from the table rules', () => {
    expect(report.status).toBe('accepted');
    expect(report.summary.errors).toBe(0);
    expect(report.summary.notices).toBe(7);
    expect(tableFindings(report).filter((f) => f.severity !== 'notice')).toEqual([]);
    expect([report.unit, report.year]).toEqual([SEED_UNIT, SEED_YEAR]);
  });

  it('reports exactly the known rounding slips, each with actual, expected, difference and tolerance', () => {
    const notices = report.findings.filter((f) => f.severity === 'notice');
    expect(sortedNotices(notices.map(noticeShape))).toEqual(sortedNotices(SEED_NOTICES));
  });

  it('every notice names its sheet and explains the 尾数误差 in Chinese', () => {
    for (const f of report.findings.filter((x) => x.severity === 'notice')) {
      expect(f.sheet).toBe(f.table ? SEED_SHEETS[f.table] : null);
      expect(f.message).toContain('尾数误差');
      expect(f.message).toContain(`容差 ${f.tolerance}`);
    }
  });
});
