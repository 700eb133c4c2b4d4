import type { DisclosureStore, SiteWriter } from '../ports.ts';
import type { SiteFile, SiteRenderer, UnitInfo } from '../site/site-model.ts';

/**
 * The index pages that list a unit-year, rendered again after it left the catalog (withdraw): the unit's page, its
 * department's page for the year, the year page and the home page, with their `catalog.json`, and the department
 * and year counts. (A restore publishes again through the pipeline's publishCurrent, which writes them too.)
 */
export async function rebuildIndexesWithout(
  deps: { store: DisclosureStore; site: SiteWriter; renderer: SiteRenderer },
  unit: UnitInfo,
  year: number,
  slug: string,
): Promise<string[]> {
  const { store, renderer } = deps;
  const [entries, unitEntries, summaries, years] = await Promise.all([
    store.listDepartmentEntries(year, slug),
    store.listUnitEntries(unit.code),
    store.listDepartmentSummaries(year),
    store.listYearSummaries(),
  ]);
  const department = { name: unit.department ?? '未填主管部门', slug, unitCount: entries.length };
  const departments = [...summaries.filter((d) => d.slug !== slug), department];
  const yearCount = departments.reduce((n, d) => n + d.unitCount, 0);
  const allYears = [...years.filter((y) => y.year !== year), { year, unitCount: yearCount }];
  await Promise.all([store.putDepartmentSummary(year, department), store.putYearSummary(year, yearCount)]);
  const files: SiteFile[] = [
    ...renderer.unitPage(
      unit,
      [...unitEntries].sort((a, b) => b.year - a.year),
    ),
    ...renderer.departmentPage(
      year,
      department,
      [...entries].sort((a, b) => a.unit.code.localeCompare(b.unit.code)),
    ),
    ...renderer.yearPage(
      year,
      departments.filter((d) => d.unitCount > 0).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    ),
    ...renderer.homePage(allYears.filter((y) => y.unitCount > 0).sort((a, b) => b.year - a.year)),
  ];
  await deps.site.write(files);
  return files.map((f) => f.path);
}
