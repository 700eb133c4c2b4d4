import { chineseDate } from '../explain/format.ts';
import { type Html, html } from './escape-html.ts';
import { sitePaths } from './paths.ts';
import { href, renderPage, SEARCH_SCRIPT_PATH, SITE_NAME } from './render-layout.ts';
import type { CatalogEntry, DepartmentSummary, PageOf, SiteFile, UnitInfo } from './site-model.ts';

/**
 * Index pages and their open-data catalogues: home → years → departments → units, plus one page per unit across
 * years. Each page has a `catalog.json` beside it, so the catalogue is a tree a program can walk from `/catalog.json`.
 */

export const CATALOG_SCHEMA = 'gongkai.catalog';
export const CATALOG_SCHEMA_VERSION = 1;

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

function jsonFile(path: string, level: string, body: Record<string, unknown>): SiteFile {
  const doc = { schema: CATALOG_SCHEMA, schemaVersion: CATALOG_SCHEMA_VERSION, level, ...body };
  return { path, body: `${JSON.stringify(doc, null, 2)}\n`, contentType: JSON_TYPE };
}

function htmlFile(path: string, body: string): SiteFile {
  return { path, body, contentType: HTML };
}

const catalogLink = (path: string) =>
  html`<p class="open-data">开放数据目录：<a href="${href(path)}">${href(path)}</a>（JSON）</p>`;

export function renderHomePage(years: { year: number; unitCount: number }[]): SiteFile[] {
  const list =
    years.length === 0
      ? html`<p>尚无公开的决算。</p>`
      : html`<ul class="cards">${years.map(
          (y) =>
            html`<li><a href="${href(sitePaths.year(y.year))}"><span class="card-title">${y.year}年度单位决算</span><span class="card-meta">${y.unitCount}个单位</span></a></li>`,
        )}</ul>`;
  const main = html`<h1>${SITE_NAME}</h1>
<p class="lead">各预算单位按年度公开的单位决算：九张决算表、情况说明、名词解释，以及可下载的开放数据。</p>
<h2>按年度浏览</h2>
${list}
${catalogLink(sitePaths.catalog())}`;
  return [
    htmlFile(
      sitePaths.home(),
      renderPage({
        title: '首页',
        description: '预算单位决算公开：按年度、主管部门和单位浏览。',
        breadcrumb: [],
        main,
      }),
    ),
    jsonFile(sitePaths.catalog(), 'home', {
      years: years.map((y) => ({
        year: y.year,
        unitCount: y.unitCount,
        page: href(sitePaths.year(y.year)),
        catalog: href(sitePaths.yearCatalog(y.year)),
      })),
    }),
  ];
}

function searchBox(): Html {
  // Hidden until search.js runs: without a script the page is the plain list below.
  return html`<div class="search" data-search hidden><label for="department-filter">筛选主管部门</label><input id="department-filter" type="search" autocomplete="off" aria-controls="department-list"><p class="search-status" role="status" aria-live="polite"></p></div>`;
}

export function renderYearPage(year: number, departments: DepartmentSummary[]): SiteFile[] {
  const units = departments.reduce((n, d) => n + d.unitCount, 0);
  const main = html`<h1>${year}年度单位决算公开</h1>
<p class="lead">共${departments.length}个主管部门、${units}个单位。</p>
<h2>主管部门</h2>
${searchBox()}
<ul class="cards" id="department-list" data-search-list>${departments.map(
    (d) =>
      html`<li><a href="${href(sitePaths.department(year, d.slug))}"><span class="card-title">${d.name}</span><span class="card-meta">${d.unitCount}个单位</span></a></li>`,
  )}</ul>
${catalogLink(sitePaths.yearCatalog(year))}`;
  return [
    htmlFile(
      sitePaths.year(year),
      renderPage({
        title: `${year}年度单位决算公开`,
        description: `${year}年度各主管部门所属单位的决算公开。`,
        breadcrumb: [
          { label: '首页', href: '/' },
          { label: `${year}年度`, href: null },
        ],
        main,
        scripts: [SEARCH_SCRIPT_PATH],
      }),
    ),
    jsonFile(sitePaths.yearCatalog(year), 'year', {
      year,
      departments: departments.map((d) => ({
        name: d.name,
        slug: d.slug,
        unitCount: d.unitCount,
        page: href(sitePaths.department(year, d.slug)),
        catalog: href(sitePaths.departmentCatalog(year, d.slug)),
      })),
    }),
  ];
}

function entryLinks(e: CatalogEntry) {
  return {
    page: href(sitePaths.disclosure(e.year, e.unit.code)),
    data: href(sitePaths.disclosureData(e.year, e.unit.code)),
    csv: href(sitePaths.disclosureCsv(e.year, e.unit.code)),
    unitPage: href(sitePaths.unit(e.unit.code)),
  };
}

function entryJson(e: CatalogEntry) {
  return {
    year: e.year,
    code: e.unit.code,
    name: e.unit.name,
    department: e.unit.department,
    publishedAt: e.publishedAt,
    version: e.version,
    totalIncome: e.totalIncome,
    totalExpenditure: e.totalExpenditure,
    ...entryLinks(e),
  };
}

function dataLinks(e: CatalogEntry): Html {
  const l = entryLinks(e);
  return html`<a href="${l.data}">JSON</a> <a href="${l.csv}">CSV</a>`;
}

/** Links to the other pages of a paginated department listing (nothing when it has one page). */
function pageNav(year: number, department: DepartmentSummary, at: PageOf): Html | string {
  if (at.pages <= 1) return '';
  const link = (n: number, label: string) =>
    html`<a href="${href(sitePaths.department(year, department.slug, n))}">${label}</a>`;
  const items = Array.from({ length: at.pages }, (_, i) => i + 1).map((n) =>
    n === at.page ? html`<li><span aria-current="page">第${n}页</span></li>` : html`<li>${link(n, `第${n}页`)}</li>`,
  );
  return html`<nav class="pages" aria-label="${department.name}单位列表分页"><p>第${at.page}页，共${at.pages}页${at.page > 1 ? html`（${link(at.page - 1, '上一页')}）` : ''}${at.page < at.pages ? html`（${link(at.page + 1, '下一页')}）` : ''}</p><ul>${items}</ul></nav>`;
}

export function renderDepartmentPage(
  year: number,
  department: DepartmentSummary,
  entries: CatalogEntry[],
  at: PageOf = { page: 1, pages: 1 },
): SiteFile[] {
  const rows = entries.map(
    (e) =>
      html`<tr><th scope="row"><a href="${entryLinks(e).page}">${e.unit.name}</a></th><td class="code">${e.unit.code}</td><td class="num">${e.totalIncome}</td><td class="num">${e.totalExpenditure}</td><td>${chineseDate(e.publishedAt)}</td><td><a href="${entryLinks(e).unitPage}">历年</a></td><td>${dataLinks(e)}</td></tr>`,
  );
  const paged = at.pages > 1;
  const nav = pageNav(year, department, at);
  const pageLabel = paged ? `（第${at.page}页）` : '';
  const main = html`<h1>${department.name}</h1>
<p class="lead">${year}年度所属单位决算公开，共${department.unitCount}个单位${paged ? `，分${at.pages}页列出` : ''}。</p>
${nav}
${
  entries.length === 0
    ? html`<p>本页没有单位。请从<a href="${href(sitePaths.department(year, department.slug))}">第1页</a>查看。</p>`
    : html`<div class="table-scroll" role="region" aria-label="${department.name}${year}年度单位列表${pageLabel}（可左右滚动）" tabindex="0"><table class="fin listing"><caption>${department.name}${year}年度单位决算公开${pageLabel}（金额单位：万元）</caption><thead><tr><th scope="col">单位</th><th scope="col">单位编码</th><th scope="col">本年收入合计</th><th scope="col">本年支出合计</th><th scope="col">公开日期</th><th scope="col">历年公开</th><th scope="col">开放数据</th></tr></thead><tbody>${rows}</tbody></table></div>`
}
${nav}
${catalogLink(sitePaths.departmentCatalog(year, department.slug, at.page))}`;
  return [
    htmlFile(
      sitePaths.department(year, department.slug, at.page),
      renderPage({
        title: `${department.name} ${year}年度单位决算公开${pageLabel}`,
        description: `${department.name}所属单位${year}年度决算公开。`,
        breadcrumb: [
          { label: '首页', href: '/' },
          { label: `${year}年度`, href: href(sitePaths.year(year)) },
          { label: department.name, href: null },
        ],
        main,
      }),
    ),
    jsonFile(sitePaths.departmentCatalog(year, department.slug, at.page), 'department', {
      year,
      department: { name: department.name, slug: department.slug, unitCount: department.unitCount },
      ...(paged
        ? {
            page: at.page,
            pages: at.pages,
            pageCatalogs: Array.from({ length: at.pages }, (_, i) =>
              href(sitePaths.departmentCatalog(year, department.slug, i + 1)),
            ),
          }
        : {}),
      units: entries.map(entryJson),
    }),
  ];
}

export function renderUnitPage(unit: UnitInfo, years: CatalogEntry[]): SiteFile[] {
  const rows = years.map(
    (e) =>
      html`<tr><th scope="row"><a href="${entryLinks(e).page}">${e.year}年度</a></th><td class="num">${e.totalIncome}</td><td class="num">${e.totalExpenditure}</td><td>${chineseDate(e.publishedAt)}</td><td>${dataLinks(e)}</td></tr>`,
  );
  const main = html`<h1>${unit.name}</h1>
<p class="lead">${unit.department ? html`主管部门：${unit.department}。` : ''}单位编码：${unit.code}。历年单位决算公开如下。</p>
<div class="table-scroll" role="region" aria-label="${unit.name}历年决算（可左右滚动）" tabindex="0"><table class="fin listing"><caption>${unit.name}历年单位决算公开（金额单位：万元）</caption><thead><tr><th scope="col">年度</th><th scope="col">本年收入合计</th><th scope="col">本年支出合计</th><th scope="col">公开日期</th><th scope="col">开放数据</th></tr></thead><tbody>${rows}</tbody></table></div>
${catalogLink(sitePaths.unitCatalog(unit.code))}`;
  return [
    htmlFile(
      sitePaths.unit(unit.code),
      renderPage({
        title: `${unit.name} 历年单位决算公开`,
        description: `${unit.name}历年单位决算公开。`,
        breadcrumb: [
          { label: '首页', href: '/' },
          { label: unit.name, href: null },
        ],
        main,
      }),
    ),
    jsonFile(sitePaths.unitCatalog(unit.code), 'unit', {
      unit: { code: unit.code, name: unit.name, department: unit.department },
      years: years.map(entryJson),
    }),
  ];
}
