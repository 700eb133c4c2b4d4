import type { Logger } from '../log.ts';
import type { DisclosureStore, PublicationRecords, SiteWriter, StoredVersion } from '../ports.ts';
import { departmentSlug } from '../site/paths.ts';
import type {
  CatalogEntry,
  DepartmentSummary,
  PublishedDisclosure,
  SiteFile,
  SiteRenderer,
  UnitInfo,
} from '../site/site-model.ts';

/**
 * Render → serve: writes the current publication of one unit-year and the index pages that list it. Per upload the
 * work is bounded whatever the number of published units: its disclosure files, its unit page, its department's page
 * for the year, the year page (departments only), the home page (years only), the site's static files, and — when
 * the unit has published the following year — that year's disclosure again (its year-on-year text quotes this one).
 *
 * Pages are rendered in memory before anything is written (a render error leaves the site as it was) and written in
 * waves: data files, the disclosure page, then the catalog entry and the indexes that link the page. The content
 * always comes from what storage says *now*, and everything a page was built from is read again after writing: if a
 * newer upload of this unit-year became current, or any listing behind an index page changed (another unit, another
 * department, another year publishing at the same moment), the loop renders again. A slow publication can therefore
 * never leave its pages over a newer one's, and concurrent publications never drop each other from an index.
 */
export interface PublishDeps {
  store: DisclosureStore;
  site: SiteWriter;
  renderer: SiteRenderer;
  log?: Logger;
  /** Versions, corrections and withdrawals (issue 13, shared/admin); absent in tests of the pipeline alone. */
  records?: PublicationRecords;
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
  // A withdrawn unit-year shows the notice whatever is current; only `restore` publishes it again (issue 13).
  const notice = await deps.records?.withdrawnPages(unit, year);
  if (notice) {
    await deps.site.write(notice);
    return notice.map((f) => f.path);
  }
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const pointer = await deps.store.getCurrent(unit.code, year);
    if (!pointer) return [];
    const version =
      known?.version === pointer.version ? known : await deps.store.loadVersion(unit.code, year, pointer.version);
    if (!version) throw new Error(`current version ${pointer.version} of ${unit.code}/${year} has no stored items`);
    const disclosureFiles = await renderDisclosure(deps, version, pointer.publishedAt);

    // Data files, then the page that links them: both before anything links the page.
    for (const wave of [
      disclosureFiles.filter((f) => !f.path.endsWith('.html')),
      disclosureFiles.filter((f) => f.path.endsWith('.html')),
    ]) {
      await deps.site.write(wave);
      for (const f of wave) written.add(f.path);
    }
    const slug = departmentSlug(version.unit.department);
    // A unit whose 主管部门 changed since its last publication of this year leaves its old department's listing.
    const before = (await deps.store.listUnitEntries(unit.code)).find((e) => e.year === year) ?? null;
    const previousSlug = before ? departmentSlug(before.unit.department) : null;
    await deps.store.putCatalogEntry(catalogEntry(version, pointer.publishedAt), slug, previousSlug);
    const left = previousSlug !== null && previousSlug !== slug ? await renderLeftDepartment(deps, year, before) : [];
    const index = await renderIndexes(deps, version.unit, year, slug);
    const following = await renderFollowingYear(deps, version.unit, year);
    const rest = [...left, ...index.files, ...following, ...deps.renderer.staticFiles()];
    await deps.site.write(rest);
    for (const f of rest) written.add(f.path);

    const after = await deps.store.getCurrent(unit.code, year);
    if (
      after?.version === pointer.version &&
      (await listingsSignature(deps.store, version.unit, year, slug)) === index.signature
    ) {
      await invalidate(deps, [...written]);
      return [...written];
    }
    // Others publishing at the same moment: back off a little, at random, so the publications stop racing.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 50 * (round + 1)));
  }
  throw new Error(`publication of ${unit.code}/${year} did not settle after ${MAX_ROUNDS} rounds (will be retried)`);
}

async function renderDisclosure(deps: PublishDeps, version: StoredVersion, publishedAt: string): Promise<SiteFile[]> {
  const { code } = version.unit;
  const previousPointer = await deps.store.getCurrent(code, version.year - 1);
  const previous = previousPointer
    ? await deps.store.loadVersion(code, version.year - 1, previousPointer.version)
    : null;
  // 公开日期, 更正说明 and the earlier versions, from the stored versions (issue 13).
  const record = deps.records ? await deps.records.history(version, publishedAt) : null;
  const page = (v: StoredVersion): PublishedDisclosure => ({
    unit: version.unit,
    year: version.year,
    version: v.version,
    publishedAt,
    disclosure: v.disclosure,
    supplement: v.supplement,
    findings: v.findings,
    previous: previous ? { year: version.year - 1, disclosure: previous.disclosure } : null,
    history: record?.history ?? null,
  });
  return deps.renderer.disclosureFiles({ ...page(version), earlier: (record?.earlier ?? []).map(page) });
}

/** The unit's following year, if published, quotes this year in its year-on-year text: render it again. */
async function renderFollowingYear(deps: PublishDeps, unit: UnitInfo, year: number): Promise<SiteFile[]> {
  const pointer = await deps.store.getCurrent(unit.code, year + 1);
  if (!pointer || (await deps.records?.withdrawnPages(unit, year + 1))) return [];
  const next = await deps.store.loadVersion(unit.code, year + 1, pointer.version);
  return next ? renderDisclosure(deps, next, pointer.publishedAt) : [];
}

/** The department a unit moved away from: its page and count without the unit. */
async function renderLeftDepartment(deps: PublishDeps, year: number, before: CatalogEntry | null): Promise<SiteFile[]> {
  if (!before) return [];
  const slug = departmentSlug(before.unit.department);
  const entries = await deps.store.listDepartmentEntries(year, slug);
  const department = { name: before.unit.department ?? '未填主管部门', slug, unitCount: entries.length };
  await deps.store.putDepartmentSummary(year, department);
  return deps.renderer.departmentPage(year, department, entries);
}

function catalogEntry(version: StoredVersion, publishedAt: string): CatalogEntry {
  const t1 = version.disclosure.tables.T1;
  return {
    year: version.year,
    unit: version.unit,
    publishedAt,
    version: version.version,
    totalIncome: t1?.rows.find((r) => r.line === 27)?.cells[1]?.value.toFixed(2) ?? '0.00',
    totalExpenditure: t1?.rows.find((r) => r.line === 58)?.cells[2]?.value.toFixed(2) ?? '0.00',
  };
}

interface Listings {
  /** Read before the department listing: if it is unchanged later, so is the listing. */
  departmentRevision: string | null;
  departmentEntries: CatalogEntry[];
  unitEntries: CatalogEntry[];
  departments: DepartmentSummary[];
  years: { year: number; unitCount: number }[];
}

/** What the index pages' signature is made of: small partitions and the department's one-item revision. */
async function readSignatureParts(store: DisclosureStore, unit: UnitInfo, year: number, slug: string) {
  const [departmentRevision, unitEntries, departments, years] = await Promise.all([
    store.departmentRevision(year, slug),
    store.listUnitEntries(unit.code),
    store.listDepartmentSummaries(year),
    store.listYearSummaries(),
  ]);
  return { departmentRevision, unitEntries, departments, years };
}

/** The signature parts, then the department listing: read after its revision, so a change is never missed. */
async function readListings(store: DisclosureStore, unit: UnitInfo, year: number, slug: string): Promise<Listings> {
  const parts = await readSignatureParts(store, unit, year, slug);
  return { ...parts, departmentEntries: await store.listDepartmentEntries(year, slug) };
}

/** What the index pages of one publication were built from, as one comparable string. */
function signatureOf(l: Omit<Listings, 'departmentEntries'>): string {
  return JSON.stringify([
    l.departmentRevision,
    l.unitEntries.map((e) => `${e.year}@${e.version}`).sort(),
    l.departments.map((d) => `${d.slug}:${d.unitCount}`).sort(),
    l.years.map((y) => `${y.year}:${y.unitCount}`).sort(),
  ]);
}

async function listingsSignature(store: DisclosureStore, unit: UnitInfo, year: number, slug: string): Promise<string> {
  return signatureOf(await readSignatureParts(store, unit, year, slug));
}

async function renderIndexes(
  deps: PublishDeps,
  unit: UnitInfo,
  year: number,
  slug: string,
): Promise<{ files: SiteFile[]; signature: string }> {
  const { store, renderer } = deps;
  // One round of reads (each one partition), the summaries updated in memory, one round of writes.
  const read = await readListings(store, unit, year, slug);
  const department = { name: unit.department ?? '未填主管部门', slug, unitCount: read.departmentEntries.length };
  const departments = [...read.departments.filter((d) => d.slug !== slug), department];
  const yearCount = departments.reduce((n, d) => n + d.unitCount, 0);
  const years = [...read.years.filter((y) => y.year !== year), { year, unitCount: yearCount }];
  await Promise.all([store.putDepartmentSummary(year, department), store.putYearSummary(year, yearCount)]);
  const files = [
    ...renderer.unitPage(
      unit,
      [...read.unitEntries].sort((a, b) => b.year - a.year),
    ),
    ...renderer.departmentPage(
      year,
      department,
      [...read.departmentEntries].sort((a, b) => a.unit.code.localeCompare(b.unit.code)),
    ),
    // A department left empty (its units moved away) is not shown.
    ...renderer.yearPage(
      year,
      departments.filter((d) => d.unitCount > 0).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    ),
    ...renderer.homePage([...years].sort((a, b) => b.year - a.year)),
  ];
  // The state these pages show, as storage will hold it once the summaries above are written.
  return { files, signature: signatureOf({ ...read, departments, years }) };
}

/** A CDN that cannot take an invalidation right now must not fail a publication: pages expire within a minute. */
async function invalidate(deps: PublishDeps, paths: string[]): Promise<void> {
  try {
    await deps.site.invalidate(paths);
  } catch (error) {
    deps.log?.warn('CDN invalidation failed; pages refresh when their cache expires', {
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      paths: paths.length,
    });
  }
}
