import { createHash } from 'node:crypto';
import { ASSETS } from './assets.ts';

/** Addresses of the static site, shared by the pipeline (what to write) and the renderers (what to link). */

/**
 * Legacy department address: a short hash of the name (stable, ASCII). Two departments of the same name (the 教育局
 * of two cities) share it, and units without a department all fall into `none`: units registered since department
 * codes exist are addressed by their code instead ({@link departmentKey}).
 */
export function departmentSlug(name: string | null): string {
  if (name === null || name.trim() === '') return 'none';
  return `d${createHash('sha256').update(name.trim()).digest('hex').slice(0, 10)}`;
}

/** 主管部门编码: 1–40 of A-Z a-z 0-9 `_` `-` `.` (区划代码 + 部门编码, e.g. `420100-012`). */
export const DEPARTMENT_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

/** The department's identity and page address: its code, or (units registered before codes) the legacy slug. */
export function departmentKey(unit: { department: string | null; departmentCode?: string | null }): string {
  return unit.departmentCode ? unit.departmentCode : departmentSlug(unit.department);
}

/** Units per department page: a 60,000-unit department is 120 pages of ~0.5 MB, not one page of 55 MB. */
export const DEPARTMENT_PAGE_SIZE = 500;

const pageDir = (page: number) => (page <= 1 ? '' : `p${page}/`);

export const sitePaths = {
  home: () => 'index.html',
  year: (year: number) => `${year}/index.html`,
  department: (year: number, slug: string, page = 1) => `${year}/departments/${slug}/${pageDir(page)}index.html`,
  unit: (code: string) => `units/${code}/index.html`,
  unitCatalog: (code: string) => `units/${code}/catalog.json`,
  disclosure: (year: number, code: string) => `${year}/${code}/index.html`,
  disclosureData: (year: number, code: string) => `${year}/${code}/data.json`,
  disclosureCsv: (year: number, code: string) => `${year}/${code}/data.csv`,
  catalog: () => 'catalog.json',
  yearCatalog: (year: number) => `${year}/catalog.json`,
  departmentCatalog: (year: number, slug: string, page = 1) =>
    `${year}/departments/${slug}/${pageDir(page)}catalog.json`,
  notFound: () => '404.html',
  /** Content-hashed names (`assets/site.{hash}.css`), see assets.ts. */
  stylesheet: () => ASSETS.stylesheet.path,
  searchScript: () => ASSETS.searchScript.path,
} as const;

/** The public URL of a path (`2023/101017/index.html` → `…/2023/101017/`). */
export function publicUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/index\.html$/, '')}`;
}
