import type { Finding } from '../disclosure/finding.ts';
import type { SheetGrid } from '../workbook/sheet-grid.ts';
import { emptySupplement, type Supplement } from './model.ts';
import { readKeyValueSheet } from './read-key-value-sheet.ts';
import { readSelfEvaluations } from './read-self-evaluations.ts';
import { BUDGET_TABLE, readKeyWorkSheet } from './read-table-blocks.ts';
import { INFO_SECTIONS, PROFILE_SECTIONS, SHEET } from './sheet-layout.ts';

/**
 * Reads the optional supplementary sheets (单位概况, 补充信息, 重点工作, 绩效自评…) among the workbook's non-table
 * sheets. Never throws; every problem met while reading is a warning finding. The checks of what was read (P- and
 * N- rules) run from the validation entry point (shared/check-supplement.ts), so reading depends on no rule.
 */
export function readSupplementSheets(otherSheets: readonly SheetGrid[]): {
  supplement: Supplement;
  findings: Finding[];
} {
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
  return { supplement, findings };
}
