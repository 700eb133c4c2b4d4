import { sitePaths } from '../../shared/site/paths.ts';
import type { SiteRenderer } from '../../shared/site/site-model.ts';

/**
 * A renderer that writes what the pipeline decided, in plain text: which version of which unit-year, and the index
 * listings. Pipeline tests check decisions (what is current, which files are rewritten), not page design.
 */
export const fakeRenderer: SiteRenderer = {
  disclosureFiles: (p) => [
    {
      path: sitePaths.disclosureData(p.year, p.unit.code),
      body: JSON.stringify({ version: p.version }),
      contentType: 'application/json',
    },
    {
      path: sitePaths.disclosure(p.year, p.unit.code),
      body: `version=${p.version} unit=${p.disclosure.unitName} total=${p.disclosure.tables.T1?.rows.find((r) => r.line === 31)?.cells[1]?.value.toFixed(2)} previous=${p.previous?.year ?? 'none'}`,
      contentType: 'text/html',
    },
  ],
  unitPage: (unit, years) => [
    {
      path: sitePaths.unit(unit.code),
      body: years.map((y) => `${y.year}:${y.version}`).join(','),
      contentType: 'text/html',
    },
  ],
  departmentPage: (year, d, entries) => [
    {
      path: sitePaths.department(year, d.slug),
      body: entries.map((e) => e.unit.code).join(','),
      contentType: 'text/html',
    },
  ],
  yearPage: (year, ds) => [
    { path: sitePaths.year(year), body: ds.map((d) => `${d.name}:${d.unitCount}`).join(','), contentType: 'text/html' },
  ],
  homePage: (years) => [
    { path: sitePaths.home(), body: years.map((y) => `${y.year}:${y.unitCount}`).join(','), contentType: 'text/html' },
  ],
  staticFiles: () => [{ path: '404.html', body: 'not found', contentType: 'text/html' }],
};
