import type { DisclosureStore, SiteWriter, StoredVersion } from '../ports.ts';
import { departmentSlug } from '../site/paths.ts';
import type { CatalogEntry, PublishedDisclosure, SiteFile, SiteRenderer, UnitInfo } from '../site/site-model.ts';

/**
 * Render → serve: writes the current publication of one unit-year and the index pages that list it. Per upload the
 * work is bounded whatever the number of published units: its disclosure files, its unit page, its department's page
 * for the year, the year page (departments only) and the home page (years only), each read from one partition.
 *
 * Pages are rendered in memory before anything is written (a render error leaves the site as it was); data files go
 * before the HTML that links them. The content always comes from the pointer read *now*, and the pointer is checked
 * again after writing: if a newer upload became current meanwhile, the loop writes that one, so a slow older
 * publication can never leave its pages over a newer one's.
 */
export interface PublishDeps {
  store: DisclosureStore;
  site: SiteWriter;
  renderer: SiteRenderer;
}

const MAX_ROUNDS = 8;

export async function publishCurrent(
  deps: PublishDeps,
  unit: UnitInfo,
  year: number,
  /** The version the caller just stored, to skip reading it back when it is the current one. */
  known: StoredVersion | null = null,
): Promise<string[]> {
  const written = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const [pointer, previousPointer] = await Promise.all([
      deps.store.getCurrent(unit.code, year),
      deps.store.getCurrent(unit.code, year - 1),
    ]);
    if (!pointer) return [];
    const [version, previousVersion] = await Promise.all([
      known?.version === pointer.version ? known : deps.store.loadVersion(unit.code, year, pointer.version),
      previousPointer ? deps.store.loadVersion(unit.code, year - 1, previousPointer.version) : null,
    ]);
    if (!version) throw new Error(`current version ${pointer.version} of ${unit.code}/${year} has no stored items`);
    const published: PublishedDisclosure = {
      unit: version.unit,
      year,
      version: version.version,
      publishedAt: pointer.publishedAt,
      disclosure: version.disclosure,
      supplement: version.supplement,
      findings: version.findings,
      previous: previousVersion ? { year: year - 1, disclosure: previousVersion.disclosure } : null,
    };
    const disclosureFiles = deps.renderer.disclosureFiles(published);

    const slug = departmentSlug(version.unit.department);
    const entry: CatalogEntry = {
      year,
      unit: version.unit,
      publishedAt: pointer.publishedAt,
      version: version.version,
      totalIncome: version.disclosure.tables.T1?.rows.find((r) => r.line === 27)?.cells[1]?.value.toFixed(2) ?? '0.00',
      totalExpenditure:
        version.disclosure.tables.T1?.rows.find((r) => r.line === 58)?.cells[2]?.value.toFixed(2) ?? '0.00',
    };
    await deps.store.putCatalogEntry(entry, slug);
    const { files: indexFiles, departmentSize } = await renderIndexes(deps, version.unit, year, slug);

    // Three waves, each finished before the next starts: data files, then the disclosure page that links them,
    // then the indexes that link the page. A reader never follows a link to something not yet written.
    for (const wave of [
      disclosureFiles.filter((f) => !f.path.endsWith('.html')),
      disclosureFiles.filter((f) => f.path.endsWith('.html')),
      indexFiles,
    ]) {
      await deps.site.write(wave);
      for (const f of wave) written.add(f.path);
    }

    // Settled when no newer upload of this unit-year and no other unit of the department published meanwhile
    // (two units of one department publishing at once would otherwise each list only itself).
    const [after, departmentNow] = await Promise.all([
      deps.store.getCurrent(unit.code, year),
      deps.store.listDepartmentEntries(year, slug),
    ]);
    if (after?.version === pointer.version && departmentNow.length === departmentSize) {
      await deps.site.invalidate([...written]);
      return [...written];
    }
    // Many units of one department publishing at once: back off a little, at random, so they stop racing.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * (round + 1)));
  }
  throw new Error(`publication of ${unit.code}/${year} did not settle after ${MAX_ROUNDS} rounds (will be retried)`);
}

async function renderIndexes(
  deps: PublishDeps,
  unit: UnitInfo,
  year: number,
  slug: string,
): Promise<{ files: SiteFile[]; departmentSize: number }> {
  const { store, renderer } = deps;
  // One round of reads (each one partition), the summaries updated in memory, one round of writes.
  const [departmentEntries, unitEntries, storedDepartments, storedYears] = await Promise.all([
    store.listDepartmentEntries(year, slug),
    store.listUnitEntries(unit.code),
    store.listDepartmentSummaries(year),
    store.listYearSummaries(),
  ]);
  const department = { name: unit.department ?? '未填主管部门', slug, unitCount: departmentEntries.length };
  const departments = [...storedDepartments.filter((d) => d.slug !== slug), department];
  const yearCount = departments.reduce((n, d) => n + d.unitCount, 0);
  const years = [...storedYears.filter((y) => y.year !== year), { year, unitCount: yearCount }];
  await Promise.all([store.putDepartmentSummary(year, department), store.putYearSummary(year, yearCount)]);
  const files = [
    ...renderer.unitPage(
      unit,
      unitEntries.sort((a, b) => b.year - a.year),
    ),
    ...renderer.departmentPage(
      year,
      department,
      departmentEntries.sort((a, b) => a.unit.code.localeCompare(b.unit.code)),
    ),
    ...renderer.yearPage(
      year,
      departments.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    ),
    ...renderer.homePage(years.sort((a, b) => b.year - a.year)),
  ];
  return { files, departmentSize: departmentEntries.length };
}
