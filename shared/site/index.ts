import { dataCsv, dataJson } from './open-data.ts';
import { sitePaths } from './paths.ts';
import { versionFiles } from './render-corrections.ts';
import { renderDisclosurePage } from './render-disclosure-page.ts';
import { renderDepartmentPage, renderHomePage, renderUnitPage, renderYearPage } from './render-index-pages.ts';
import type { SiteRenderer } from './site-model.ts';
import { staticFiles } from './static-files.ts';

/**
 * The static-site renderer: pure functions from published data to files (HTML, JSON, CSV, CSS). Chinese first, no
 * script needed to read anything, every uploaded text escaped.
 */
export const siteRenderer: SiteRenderer = {
  disclosureFiles(p) {
    const page = renderDisclosurePage(p);
    return [
      {
        path: sitePaths.disclosure(p.year, p.unit.code),
        body: page,
        contentType: 'text/html; charset=utf-8',
      },
      {
        path: sitePaths.disclosureData(p.year, p.unit.code),
        body: `${JSON.stringify(dataJson(p), null, 2)}\n`,
        contentType: 'application/json; charset=utf-8',
      },
      {
        path: sitePaths.disclosureCsv(p.year, p.unit.code),
        body: dataCsv(p),
        contentType: 'text/csv; charset=utf-8',
      },
      // Every version at its stable address `{year}/{code}/v/{version}/`, earlier ones marked superseded.
      ...versionFiles(p, renderDisclosurePage, page),
    ];
  },
  unitPage: renderUnitPage,
  departmentPage: renderDepartmentPage,
  yearPage: renderYearPage,
  homePage: renderHomePage,
  staticFiles,
};

export { DataJsonError, disclosureFromDataJson } from './open-data.ts';
