import type { Finding } from './disclosure/finding.ts';
import type { Disclosure } from './disclosure/model.ts';
import { checkNarrative } from './rules/check-narrative.ts';
import { checkCompleteness } from './supplement/check-completeness.ts';
import type { Supplement } from './supplement/model.ts';
import { readSupplementSheets } from './supplement/read-supplement.ts';
import type { SheetGrid } from './workbook/sheet-grid.ts';

/**
 * The supplementary sheets read and checked: what a mandatory section lacks (P- rules) and what the unit's text
 * quotes that the tables contradict (N- rules). Never throws; every problem is a warning finding. `supplement` is
 * null when the workbook has none of the sheets.
 */
export function readSupplement(
  otherSheets: readonly SheetGrid[],
  disclosure: Disclosure,
): { supplement: Supplement | null; findings: Finding[] } {
  const { supplement, findings } = readSupplementSheets(otherSheets);
  findings.push(...checkCompleteness(disclosure, supplement));
  if (supplement.sheets.length === 0) return { supplement: null, findings };
  findings.push(...checkNarrative(disclosure, supplement));
  return { supplement, findings };
}
