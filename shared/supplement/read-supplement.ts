import type { Disclosure } from '../disclosure/model.ts';
import { checkNarrative } from '../rules/check-narrative.ts';
import type { Finding } from '../rules/finding.ts';
import type { SheetGrid } from '../workbook/sheet-grid.ts';
import { checkCompleteness } from './check-completeness.ts';
import { emptySupplement, type Supplement } from './model.ts';
import { readKeyValueSheet } from './read-key-value-sheet.ts';
import { readSelfEvaluations } from './read-self-evaluations.ts';
import { BUDGET_TABLE, readKeyWorkSheet } from './read-table-blocks.ts';
import { INFO_SECTIONS, PROFILE_SECTIONS, SHEET } from './sheet-layout.ts';

/**
 * Reads the optional supplementary sheets (单位概况, 补充信息, 重点工作, 绩效自评…) among the workbook's non-table
 * sheets, then checks them: what a mandatory section lacks (P- rules) and what the unit's text quotes that the
 * tables contradict (N- rules). Never throws; every problem is a warning finding. `supplement` is null when the
 * workbook has none of the sheets.
 */
export function readSupplement(
  otherSheets: readonly SheetGrid[],
  disclosure: Disclosure,
): { supplement: Supplement | null; findings: Finding[] } {
  const supplement = emptySupplement();
  const findings: Finding[] = [];
  const ctx = { supplement, findings };
  for (const grid of otherSheets) {
    const name = grid.name.replace(/\s/g, '');
    if (name.startsWith(SHEET.profile)) readKeyValueSheet(grid, PROFILE_SECTIONS, ctx);
    else if (name.startsWith(SHEET.info)) readKeyValueSheet(grid, INFO_SECTIONS, ctx, [BUDGET_TABLE]);
    else if (name.startsWith(SHEET.keyWork)) {
      const work = readKeyWorkSheet(grid);
      supplement.keyWork.sections.push(...work.sections);
      supplement.keyWork.rows.push(...work.rows);
    } else if (name.startsWith(SHEET.performance)) {
      supplement.performance.evaluations.push(...readSelfEvaluations(grid, findings));
    } else continue;
    supplement.sheets.push(grid.name);
  }
  findings.push(...checkCompleteness(disclosure, supplement));
  if (supplement.sheets.length === 0) return { supplement: null, findings };
  findings.push(...checkNarrative(disclosure, supplement));
  return { supplement, findings };
}
