import { createHash } from 'node:crypto';

/** Addresses of the static site, shared by the pipeline (what to write) and the renderers (what to link). */

/** Department pages are addressed by a short hash of the name: stable, ASCII, no encoding surprises. */
export function departmentSlug(name: string | null): string {
  if (name === null || name.trim() === '') return 'none';
  return `d${createHash('sha256').update(name.trim()).digest('hex').slice(0, 10)}`;
}

export const sitePaths = {
  home: () => 'index.html',
  year: (year: number) => `${year}/index.html`,
  department: (year: number, slug: string) => `${year}/departments/${slug}/index.html`,
  unit: (code: string) => `units/${code}/index.html`,
  unitCatalog: (code: string) => `units/${code}/catalog.json`,
  disclosure: (year: number, code: string) => `${year}/${code}/index.html`,
  disclosureData: (year: number, code: string) => `${year}/${code}/data.json`,
  disclosureCsv: (year: number, code: string) => `${year}/${code}/data.csv`,
  catalog: () => 'catalog.json',
  yearCatalog: (year: number) => `${year}/catalog.json`,
  departmentCatalog: (year: number, slug: string) => `${year}/departments/${slug}/catalog.json`,
  notFound: () => '404.html',
  stylesheet: () => 'assets/site.css',
  searchScript: () => 'assets/search.js',
} as const;

/** The public URL of a path (`2023/101017/index.html` → `…/2023/101017/`). */
export function publicUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/index\.html$/, '')}`;
}
