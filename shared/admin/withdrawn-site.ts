import type { Withdrawal } from '../records/model.ts';
import { versionPath } from '../site/history-model.ts';
import { sitePaths } from '../site/paths.ts';
import { renderWithdrawnPage } from '../site/render-corrections.ts';
import type { SiteFile, UnitInfo } from '../site/site-model.ts';

/**
 * The public side of a withdrawn unit-year: its page and every version page replaced by the notice (date, reason).
 * `withdraw` writes them and deletes the open data; any later publication of the unit-year (a new upload, a
 * republication after revalidation, the following year re-rendering) writes the notice again instead of the data
 * (records.ts), so nothing brings the data back but `restore` — and the pipeline needs no delete permission.
 */
export function withdrawnFiles(unit: UnitInfo, year: number, w: Withdrawal, versions: readonly string[]): SiteFile[] {
  const body = renderWithdrawnPage(unit, year, w);
  return [sitePaths.disclosure(year, unit.code), ...versions.map((v) => versionPath(year, unit.code, v))].map(
    (path) => ({ path, body, contentType: 'text/html; charset=utf-8' }),
  );
}

export function openDataPaths(year: number, code: string): string[] {
  return [sitePaths.disclosureData(year, code), sitePaths.disclosureCsv(year, code)];
}
