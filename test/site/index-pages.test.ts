import { describe, expect, it } from 'vitest';
import { siteRenderer } from '../../shared/site/index.ts';
import { departmentSlug, sitePaths } from '../../shared/site/paths.ts';
import type { CatalogEntry, SiteFile, UnitInfo } from '../../shared/site/site-model.ts';
import { unbalancedTags } from './helpers.ts';

/** Index pages and the open-data catalogue tree: home → years → departments → units → data.json. */

const dept = '武汉市财政局';
const slug = departmentSlug(dept);
const unit: UnitInfo = { code: '101017', name: '武汉市财政局信息中心', department: dept };
const entry = (year: number): CatalogEntry => ({
  year,
  unit,
  publishedAt: `${year + 1}-10-12T02:00:00.000Z`,
  version: `v${year}`,
  totalIncome: '635.55',
  totalExpenditure: '635.55',
});

const body = (files: SiteFile[], path: string) => {
  const f = files.find((x) => x.path === path);
  if (!f || typeof f.body !== 'string') throw new Error(`no ${path} in ${files.map((x) => x.path).join(', ')}`);
  return f.body;
};
const json = (files: SiteFile[], path: string) => JSON.parse(body(files, path));

describe('catalogue tree', () => {
  const home = siteRenderer.homePage([{ year: 2023, unitCount: 1 }]);
  const year = siteRenderer.yearPage(2023, [{ name: dept, slug, unitCount: 1 }]);
  const department = siteRenderer.departmentPage(2023, { name: dept, slug, unitCount: 1 }, [entry(2023)]);
  const unitPage = siteRenderer.unitPage(unit, [entry(2023), entry(2022)]);

  it('each index renderer writes its page and its catalog.json', () => {
    expect(home.map((f) => f.path)).toEqual(['index.html', 'catalog.json']);
    expect(year.map((f) => f.path)).toEqual(['2023/index.html', '2023/catalog.json']);
    expect(department.map((f) => f.path)).toEqual([
      sitePaths.department(2023, slug),
      sitePaths.departmentCatalog(2023, slug),
    ]);
    expect(unitPage.map((f) => f.path)).toEqual(['units/101017/index.html', 'units/101017/catalog.json']);
    for (const f of [...home, ...year, ...department, ...unitPage]) {
      expect(f.contentType).toMatch(f.path.endsWith('.json') ? /^application\/json/ : /^text\/html/);
    }
  });

  it('links home → year → department → unit data, each level pointing at the next catalogue', () => {
    const h = json(home, 'catalog.json');
    expect(h).toMatchObject({ schema: 'gongkai.catalog', schemaVersion: 1, level: 'home' });
    expect(h.years).toEqual([{ year: 2023, unitCount: 1, page: '/2023/', catalog: '/2023/catalog.json' }]);
    const y = json(year, '2023/catalog.json');
    expect(y.departments).toEqual([
      {
        name: dept,
        slug,
        unitCount: 1,
        page: `/2023/departments/${slug}/`,
        catalog: `/2023/departments/${slug}/catalog.json`,
      },
    ]);
    const d = json(department, sitePaths.departmentCatalog(2023, slug));
    expect(d.units[0]).toMatchObject({
      code: '101017',
      totalIncome: '635.55',
      page: '/2023/101017/',
      data: '/2023/101017/data.json',
      csv: '/2023/101017/data.csv',
      unitPage: '/units/101017/',
    });
    expect(json(unitPage, 'units/101017/catalog.json').years.map((e: { year: number }) => e.year)).toEqual([
      2023, 2022,
    ]);
  });

  it('pages are valid, linked root-absolute and the year page works without a script', () => {
    for (const files of [home, year, department, unitPage]) {
      const html = files.find((f) => f.path.endsWith('.html'))?.body as string;
      expect(html).toContain('<html lang="zh-CN">');
      expect(html.match(/<h1[ >]/g)).toHaveLength(1);
      expect(unbalancedTags(html)).toEqual([]);
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    }
    const y = body(year, '2023/index.html');
    // The filter box is hidden until search.js runs; the list itself is plain links.
    expect(y).toMatch(/<div class="search" data-search hidden>/);
    expect(y).toContain(`<script src="/${sitePaths.searchScript()}" defer></script>`);
    expect(sitePaths.searchScript()).toMatch(/^assets\/search\.[0-9a-f]{12}\.js$/);
    expect(y).toContain(`<a href="/2023/departments/${slug}/"><span class="card-title">${dept}</span>`);
    const d = body(department, sitePaths.department(2023, slug));
    expect(d).toContain('<th scope="row"><a href="/2023/101017/">武汉市财政局信息中心</a></th>');
    expect(body(home, 'index.html')).toContain('<a href="/2023/">');
  });

  it('escapes department and unit names', () => {
    const evil = '<b onclick=x>部门</b>';
    const files = siteRenderer.departmentPage(2023, { name: evil, slug: 'dx', unitCount: 1 }, [
      { ...entry(2023), unit: { ...unit, name: evil } },
    ]);
    const html = files.find((f) => f.path.endsWith('.html'))?.body as string;
    expect(html).not.toContain('<b onclick');
    expect(html).toContain('&lt;b onclick=x&gt;部门&lt;/b&gt;');
  });
});

describe('static files', () => {
  const files = siteRenderer.staticFiles();

  it('has one stylesheet with the Chinese font stack, phone scrolling and an A4 print style', () => {
    const css = body(files, sitePaths.stylesheet());
    expect(css).toContain(
      '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif',
    );
    expect(css).toContain('.table-scroll { overflow-x: auto;');
    const print = css.slice(css.indexOf('@media print'));
    for (const rule of [
      '@page { size: A4;',
      'thead { display: table-header-group; }',
      'tr { break-inside: avoid;',
      'nav,',
    ]) {
      expect(print).toContain(rule);
    }
  });

  it('has the search script and a 404 page', () => {
    expect(body(files, sitePaths.searchScript())).toContain("querySelector('[data-search-list]')");
    const nf = body(files, '404.html');
    expect(nf).toContain('<h1>页面不存在</h1>');
    expect(unbalancedTags(nf)).toEqual([]);
  });
});
