import type { Logger } from '../log.ts';
import type { DisclosureStore, IndexChange, IndexQueue, SiteWriter } from '../ports.ts';
import { DEPARTMENT_PAGE_SIZE } from '../site/paths.ts';
import type { CatalogEntry, DepartmentSummary, SiteRenderer } from '../site/site-model.ts';

/**
 * Index rebuilds, separate from uploads (issue 12): the rebuild function takes "department-year changed" and "year
 * changed" messages (AWS: an SQS FIFO queue, one message group per department-year and one per year, so one rebuild
 * of an index runs at a time) and rewrites the index pages from the catalog.
 *
 * - A department-year: all its pages (≤ DEPARTMENT_PAGE_SIZE units each, with their catalog.json), read as paginated
 *   queries of the department's own partition, its summary (exact unit count) in the year's partition; then, when
 *   the count or the name changed, a "year changed" message.
 * - A year: the year page (departments) and the home page (years), at most once per `yearPageIntervalMs`
 *   (default a minute); a message arriving sooner comes back later (`later`).
 *
 * Coalescing: every publication ADDs 1 to its department-year's change counter and sends the new value. A rebuild
 * reads the counter *before* the listing and records it as built; a message whose value is already built is
 * skipped, since the listing that rebuild read contained its entry (entries are written before the counter moves).
 * A hundred publications of one department thus produce a few rebuilds, not a hundred.
 */
export interface RebuildDeps {
  store: DisclosureStore;
  site: SiteWriter;
  renderer: SiteRenderer;
  indexQueue?: IndexQueue | undefined;
  log?: Logger | undefined;
  now?: (() => Date) | undefined;
  /** Least time between two rebuilds of a year's pages (year page, home page). Default 60 s. */
  yearPageIntervalMs?: number | undefined;
}

export const DEFAULT_YEAR_PAGE_INTERVAL_MS = 60_000;

export type RebuildOutcome =
  | { status: 'rebuilt'; pages: number; units: number }
  | { status: 'skipped' }
  | { status: 'later'; retryAfterMs: number };

/** One queued change: rebuild what it names unless a rebuild already covered it. */
export function handleIndexChange(deps: RebuildDeps, change: IndexChange): Promise<RebuildOutcome> {
  return change.kind === 'department'
    ? rebuildDepartment(deps, change.year, change.department, change.change)
    : rebuildYear(deps, change.year, change.change);
}

/**
 * Rebuilds every index page of a department-year now, then the year's pages (for admin tools: withdraw, restore,
 * migrations). Not throttled.
 */
export async function rebuildIndexes(deps: RebuildDeps, year: number, department: string): Promise<void> {
  await rebuildDepartment(deps, year, department);
  await rebuildYear(deps, year);
}

/** Reads the whole listing of a department-year, page by page (each one Query of its own partition). */
async function readListing(store: DisclosureStore, year: number, department: string): Promise<CatalogEntry[]> {
  const entries: CatalogEntry[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.listDepartmentEntriesPage(year, department, cursor, DEPARTMENT_PAGE_SIZE);
    entries.push(...page.entries);
    cursor = page.next;
  } while (cursor !== null);
  return entries;
}

export async function rebuildDepartment(
  deps: RebuildDeps,
  year: number,
  department: string,
  /** The change a message carries; without it the rebuild always runs. */
  change?: number,
): Promise<RebuildOutcome> {
  const { store, site, renderer } = deps;
  const now = deps.now ?? (() => new Date());
  const state = await store.departmentIndexState(year, department);
  if (change !== undefined && state.built >= change) return { status: 'skipped' };
  // The counter first, then the listing: every change up to `covered` is in what we read.
  const covered = state.changes;
  const entries = await readListing(store, year, department);
  const name = entries[0]?.unit.department ?? state.name ?? department;
  const summary: DepartmentSummary = { name, slug: department, unitCount: entries.length };
  const pages = Math.max(1, Math.ceil(entries.length / DEPARTMENT_PAGE_SIZE));
  for (let page = 1; page <= Math.max(pages, state.pages); page++) {
    // Pages past the end (the department shrank) are written empty, pointing to page 1: there is no delete right.
    const slice = page <= pages ? entries.slice((page - 1) * DEPARTMENT_PAGE_SIZE, page * DEPARTMENT_PAGE_SIZE) : [];
    await site.write(renderer.departmentPage(year, summary, slice, { page, pages }));
  }
  await store.putDepartmentSummary(year, summary);
  await store.markDepartmentBuilt(year, department, {
    built: covered,
    pages,
    units: entries.length,
    name,
    at: now().toISOString(),
  });
  if (state.builtAt === null || state.units !== summary.unitCount || state.name !== summary.name) {
    const yearChange = await store.recordYearChange(year);
    await deps.indexQueue?.send([{ kind: 'year', year, change: yearChange }]);
  }
  deps.log?.info('department index rebuilt', { year, department, units: entries.length, pages, covered });
  return { status: 'rebuilt', pages, units: entries.length };
}

export async function rebuildYear(deps: RebuildDeps, year: number, change?: number): Promise<RebuildOutcome> {
  const { store, site, renderer } = deps;
  const now = deps.now ?? (() => new Date());
  const state = await store.yearIndexState(year);
  if (change !== undefined) {
    if (state.built >= change) return { status: 'skipped' };
    const interval = deps.yearPageIntervalMs ?? DEFAULT_YEAR_PAGE_INTERVAL_MS;
    const since = state.builtAt === null ? Number.POSITIVE_INFINITY : now().getTime() - Date.parse(state.builtAt);
    if (since < interval) return { status: 'later', retryAfterMs: Math.max(1, interval - since) };
  }
  const covered = state.changes;
  const departments = await store.listDepartmentSummaries(year);
  const unitCount = departments.reduce((n, d) => n + d.unitCount, 0);
  await store.putYearSummary(year, unitCount);
  const years = (await store.listYearSummaries()).map((y) => (y.year === year ? { year, unitCount } : y));
  if (!years.some((y) => y.year === year)) years.push({ year, unitCount });
  await site.write([
    // A department left empty (its units moved away) is not shown.
    ...renderer.yearPage(
      year,
      departments.filter((d) => d.unitCount > 0).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    ),
    ...renderer.homePage(years.filter((y) => y.unitCount > 0).sort((a, b) => b.year - a.year)),
  ]);
  await store.markYearBuilt(year, covered, now().toISOString());
  deps.log?.info('year index rebuilt', { year, departments: departments.length, units: unitCount, covered });
  return { status: 'rebuilt', pages: 2, units: unitCount };
}
