import type { Finding } from '../disclosure/finding.ts';
import type { Disclosure } from '../disclosure/model.ts';
import type { Supplement } from '../supplement/model.ts';
import type { DisclosureHistory } from './history-model.ts';

/**
 * The contract between the pipeline (which decides what to publish and where) and the page renderers (which turn
 * published data into files). Renderers are pure: data in, files out; they never read storage.
 */

export interface UnitInfo {
  /** 预算单位编码: short ASCII id, used in addresses (`/{year}/{code}/`). */
  code: string;
  name: string;
  /** 主管部门 (its name: a label on pages, never an address). */
  department: string | null;
  /**
   * 主管部门编码 (e.g. 区划代码 + 部门编码 `420100-012`), given at registration: the department's identity and its page
   * address (`/{year}/departments/{code}/`). Absent on units registered before department codes (they keep the
   * legacy address derived from the name until `units migrate-departments` gives them one).
   */
  departmentCode?: string | null;
}

/** One unit-year's current publication. */
export interface PublishedDisclosure {
  unit: UnitInfo;
  year: number;
  /** Version id of the publication (changes on every accepted upload). */
  version: string;
  /** ISO timestamp of publication. */
  publishedAt: string;
  disclosure: Disclosure;
  supplement: Supplement | null;
  /** Warnings and notices of the accepted workbook (rounding differences are disclosed, not hidden). */
  findings: Finding[];
  /** The unit's previous published year, for year-on-year figures; null when there is none. */
  previous: { year: number; disclosure: Disclosure } | null;
  /**
   * 公开日期 / 更新日期 / 更正说明 and the versions' addresses (issue 13). A page whose `version` is not
   * `history.currentVersion` is an earlier version, shown as superseded. Absent: dates from `publishedAt` alone.
   */
  history?: DisclosureHistory | null;
  /** Earlier versions of the unit-year, rendered at their stable addresses as superseded. */
  earlier?: PublishedDisclosure[];
}

/** A file of the static site. `path` has no leading slash: `2023/101017/index.html`. */
export interface SiteFile {
  path: string;
  body: string | Uint8Array;
  contentType: string;
}

/** Index entries the pipeline keeps in storage, one item per published unit-year. */
export interface CatalogEntry {
  year: number;
  unit: UnitInfo;
  publishedAt: string;
  version: string;
  /** 本年收入合计 / 本年支出合计 (T1 27 / 58), decimal strings in 万元, for index listings. */
  totalIncome: string;
  totalExpenditure: string;
  /**
   * The department key this unit-year was listed under before its unit changed 主管部门 (pipeline bookkeeping, not
   * shown): a retried publication still tells the old department's index to drop the unit.
   */
  movedFrom?: string | null;
}

export interface DepartmentSummary {
  name: string;
  /** Address-safe id of the department page within a year: the department code (legacy: a hash of the name). */
  slug: string;
  unitCount: number;
}

/** Which page of a paginated department listing (1-based), of how many. */
export interface PageOf {
  page: number;
  pages: number;
}

/**
 * Renderers; each index renderer also returns its open-data catalogue (`catalog.json` beside the page: home → years,
 * year → departments, department → units with links to each `data.json`), so the site-wide catalogue is a tree.
 * An upload writes only its own files (disclosure, unit page); index pages (department, year, home) are rebuilt
 * separately, from a queue (shared/ingest/rebuild-indexes.ts).
 */
export interface SiteRenderer {
  /** `{year}/{code}/index.html`, `data.json`, `data.csv` (and anything else per disclosure). */
  disclosureFiles(p: PublishedDisclosure): SiteFile[];
  /** `units/{code}/index.html`: all years of one unit. */
  unitPage(unit: UnitInfo, years: CatalogEntry[]): SiteFile[];
  /**
   * `{year}/departments/{slug}/index.html` (page 1) and `…/p{n}/index.html`: the units of one 主管部门 in one year, at
   * most DEPARTMENT_PAGE_SIZE a page, each page with its `catalog.json`. Without `page`: a single page.
   */
  departmentPage(year: number, department: DepartmentSummary, entries: CatalogEntry[], page?: PageOf): SiteFile[];
  /** `{year}/index.html`: the departments of one year, with a search box (works without JS as a plain list). */
  yearPage(year: number, departments: DepartmentSummary[]): SiteFile[];
  /** `index.html`: the years. */
  homePage(years: { year: number; unitCount: number }[]): SiteFile[];
  /** `404.html` and the content-hashed assets (`assets/site.{hash}.css` …): deployed once per deployment by CDK. */
  staticFiles(): SiteFile[];
}
