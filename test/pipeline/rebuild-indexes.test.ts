import { describe, expect, it } from 'vitest';
import { rebuildDepartment, rebuildIndexes } from '../../shared/ingest/rebuild-indexes.ts';
import { siteRenderer } from '../../shared/site/index.ts';
import { sitePaths } from '../../shared/site/paths.ts';
import type { CatalogEntry } from '../../shared/site/site-model.ts';
import { MemoryIndexQueue, MemorySite, MemoryStore } from '../../shared/storage/memory.ts';

/** Index rebuilds with the real page renderer: pagination, exact counts, a department that shrinks. */

const DEPT = '420100-012';
const entry = (i: number): CatalogEntry => ({
  year: 2023,
  unit: { code: `U${String(i).padStart(5, '0')}`, name: `单位${i}`, department: '某市教育局', departmentCode: DEPT },
  publishedAt: '2024-06-30T08:00:00.000Z',
  version: `v${i}`,
  totalIncome: '1.00',
  totalExpenditure: '1.00',
});

describe('department index rebuild', () => {
  it('writes ≤ 500 units a page with each page’s catalog.json, and blanks the pages a shrinking department lost', async () => {
    const store = new MemoryStore();
    const site = new MemorySite();
    const queue = new MemoryIndexQueue();
    for (let i = 0; i < 1_100; i++) await store.putCatalogEntry(entry(i), DEPT);
    const outcome = await rebuildDepartment({ store, site, renderer: siteRenderer, indexQueue: queue }, 2023, DEPT);
    expect(outcome).toEqual({ status: 'rebuilt', pages: 3, units: 1_100 });
    const catalog = (page: number) => JSON.parse(site.text(sitePaths.departmentCatalog(2023, DEPT, page)) ?? '{}');
    expect(catalog(1).pageCatalogs).toEqual([
      `/2023/departments/${DEPT}/catalog.json`,
      `/2023/departments/${DEPT}/p2/catalog.json`,
      `/2023/departments/${DEPT}/p3/catalog.json`,
    ]);
    expect([1, 2, 3].map((p) => catalog(p).units.length)).toEqual([500, 500, 100]);
    expect(new Set([1, 2, 3].flatMap((p) => catalog(p).units.map((u: { code: string }) => u.code))).size).toBe(1_100);
    const page2 = site.text(sitePaths.department(2023, DEPT, 2)) ?? '';
    expect(page2).toContain('第2页，共3页');
    expect(page2).toContain('aria-current="page"');
    expect(page2).toContain(`href="/2023/departments/${DEPT}/p3/"`);
    expect(page2).toContain('共1100个单位');
    expect(await store.listDepartmentSummaries(2023)).toEqual([{ name: '某市教育局', slug: DEPT, unitCount: 1_100 }]);
    // The count changed: a year change was sent.
    expect(queue.take().map((c) => c.kind)).toEqual(['year']);

    // 700 units move away (tombstones): two pages remain, the third is blanked, pointing to page 1.
    for (let i = 400; i < 1_100; i++) await store.putCatalogEntry(entry(i), 'elsewhere', DEPT);
    await rebuildIndexes({ store, site, renderer: siteRenderer, indexQueue: queue }, 2023, DEPT);
    expect([1, 2].map((p) => catalog(p).units.length)).toEqual([400, 0]);
    expect(catalog(1).pageCatalogs).toBeUndefined();
    expect(site.text(sitePaths.department(2023, DEPT, 3))).toContain('本页没有单位');
    expect(site.text('2023/index.html')).toContain('某市教育局');
  });

  it('skips a change a rebuild already covered, and runs again for a later one', async () => {
    const store = new MemoryStore();
    const site = new MemorySite();
    const deps = { store, site, renderer: siteRenderer };
    await store.putCatalogEntry(entry(1), DEPT);
    const c1 = await store.recordDepartmentChange(2023, DEPT);
    await store.putCatalogEntry(entry(2), DEPT);
    const c2 = await store.recordDepartmentChange(2023, DEPT);
    expect((await rebuildDepartment(deps, 2023, DEPT, c1)).status).toBe('rebuilt');
    expect((await rebuildDepartment(deps, 2023, DEPT, c2)).status).toBe('skipped');
    await store.putCatalogEntry(entry(3), DEPT);
    const c3 = await store.recordDepartmentChange(2023, DEPT);
    expect(await rebuildDepartment(deps, 2023, DEPT, c3)).toEqual({ status: 'rebuilt', pages: 1, units: 3 });
  });
});
