import { randomUUID } from 'node:crypto';
import { T1_LINES } from '../disclosure/table-layouts.ts';
import type { Logger } from '../log.ts';
import type {
  CurrentPointer,
  DisclosureStore,
  IndexChange,
  IndexQueue,
  PublicationRecords,
  SiteWriter,
  StoredVersion,
} from '../ports.ts';
import { departmentKey } from '../site/paths.ts';
import type { CatalogEntry, PublishedDisclosure, SiteFile, SiteRenderer } from '../site/site-model.ts';
import { type RebuildDeps, rebuildIndexes } from './rebuild-indexes.ts';

/**
 * Publishing one unit-year: its own files only — the disclosure (data.json and data.csv, then the page that links
 * them), its catalog entry, the unit's page across years, and the unit's following year when published (its
 * year-on-year text quotes this one). Index pages (department, year, home) are not rendered here: the publication
 * records "department-year changed" (an atomic counter and a queue message) and the index rebuild function
 * (rebuild-indexes.ts) picks it up, coalescing bursts. An upload therefore costs the same whatever the size of its
 * department, and publications of one department never race each other over a shared page.
 *
 * Convergence: everything written is rendered from what storage says *now* (the pointer, the previous and the
 * following year's pointers, the unit's catalog entries). After writing, those are read again; if any moved (a newer
 * upload of this unit-year, of the year before or after), the files are written again from the current state. So
 * whatever crashes or interleaves, the public files of a unit-year end at its pointer's version: the last writer
 * always checks after its write. Only this unit's own items can move the check, so the loop ends as soon as the
 * unit stops uploading for a moment (a unit re-uploading five times a second settles within a few rounds).
 */
export interface PublishDeps {
  store: DisclosureStore;
  site: SiteWriter;
  renderer: SiteRenderer;
  /**
   * Where "index changed" messages go (the deployed and embedded stacks). Absent (an admin tool, a test of the
   * publication alone): the changed department-year's index pages are rebuilt right here instead.
   */
  indexQueue?: IndexQueue | undefined;
  log?: Logger | undefined;
  /** Versions, corrections and withdrawals (issue 13, shared/admin); absent in tests of the pipeline alone. */
  records?: PublicationRecords | undefined;
  /** Named points where tests hold or crash a publication, told which unit-year is at the point. */
  publishFault?:
    | ((point: PublishFaultPoint, at: { unitCode: string; year: number }) => void | Promise<void>)
    | undefined;
}

export type PublishFaultPoint = 'before-disclosure-write' | 'before-following-write' | 'before-recheck';

export interface PublishResult {
  /** The version the files now show; null when the unit-year has no current version. */
  version: string | null;
  /** Every path written. */
  written: string[];
  /** How many times the files were rendered (1 unless something moved meanwhile). */
  rounds: number;
  /** Index changes recorded (and sent). */
  changes: IndexChange[];
}

const MAX_ROUNDS = 40;
/**
 * How long a publication lease lasts: longer than any holder can live (the ingest function's timeout is 60 s), so a
 * holder never writes after its lease expired; a holder that dies without releasing delays the next writer this long
 * at most (its upload is retried after the queue's visibility timeout, 6 minutes, by then expired).
 */
export const PUBLISH_LEASE_MS = 5 * 60_000;
/** How long a publication waits for the lease before it gives up (and is retried by the platform). */
const LEASE_WAIT_MS = 40_000;

export interface PublishOptions {
  /**
   * Skip writing when the last verified write under the lease already shows the current version (the upload path:
   * of a unit re-uploading five times a second, most runs find their successor's files in place). Admin tools
   * (restore, revalidate) always write: they may follow files written outside the lease (a withdrawal notice).
   */
  skipIfWritten?: boolean;
}

/**
 * Makes the public files of `unitCode`/`year` show its current version (see above). Idempotent: callers are the
 * upload (after moving the pointer, or when it was superseded: a retry repairs what an older run may have left),
 * and admin tools (withdraw / restore / revalidate).
 *
 * One writer at a time per unit-year (a lease in DynamoDB): with it, a writer whose pointer moved while it wrote
 * hands over instead of chasing the pointer — the upload that moved it publishes after the lease is given back
 * (every upload that becomes current publishes; a crashed one's retry does) — so a unit re-uploading five times a
 * second never makes its runs loop.
 */
export async function publishDisclosure(
  deps: PublishDeps,
  unitCode: string,
  year: number,
  /** The version the caller just stored, to skip reading it back when it is the current one. */
  known: StoredVersion | null = null,
  options: PublishOptions = {},
): Promise<PublishResult> {
  const { store } = deps;
  const owner = randomUUID();
  let lease = await store.takePublishLease(unitCode, year, owner, Date.now() + PUBLISH_LEASE_MS, Date.now());
  for (let attempt = 0, waitStart = Date.now(); !lease.taken; attempt++) {
    if (Date.now() - waitStart > LEASE_WAIT_MS) {
      throw new Error(
        `publication lease of ${unitCode}/${year} still held after ${LEASE_WAIT_MS} ms (will be retried)`,
      );
    }
    // Backing off (50 ms doubling to 800 ms, jittered): a holder writes for a fraction of a second, and a unit
    // re-uploading five times a second may have a dozen runs waiting, each a read a poll.
    await new Promise((resolve) => setTimeout(resolve, Math.min(800, 50 * 2 ** attempt) * (0.5 + Math.random())));
    // On the upload path, a run whose upload stopped being current while it waited has nothing to publish: the
    // current upload's run publishes after the holder (see below). It leaves without the lease.
    if (options.skipIfWritten && known !== null) {
      const now = await store.getCurrent(unitCode, year);
      if (now !== null && now.version !== known.version) {
        return { version: now.version, written: [], rounds: 0, changes: [] };
      }
    }
    lease = await store.takePublishLease(unitCode, year, owner, Date.now() + PUBLISH_LEASE_MS, Date.now());
  }
  let verified: string | null = null;
  try {
    const result = await publishUnderLease(deps, unitCode, year, known, owner, lease.lastWritten, options);
    verified = result.verified;
    return result.result;
  } finally {
    // Whatever happened, the lease goes back: on an error with no verified write, so the next writer writes.
    await store.releasePublishLease(unitCode, year, owner, verified);
  }
}

async function publishUnderLease(
  deps: PublishDeps,
  unitCode: string,
  year: number,
  known: StoredVersion | null,
  owner: string,
  lastWritten: string | null,
  options: PublishOptions,
): Promise<{ result: PublishResult; verified: string | null }> {
  const { store, site, renderer } = deps;
  const fault = (point: PublishFaultPoint) => deps.publishFault?.(point, { unitCode, year });
  const written = new Set<string>();
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const pointer = await store.getCurrent(unitCode, year);
    if (!pointer)
      return { result: { version: null, written: [...written], rounds: round, changes: [] }, verified: null };
    const [version, previousPointer, nextPointer, unitEntriesBefore] = await Promise.all([
      known?.version === pointer.version ? known : store.loadVersion(unitCode, year, pointer.version),
      store.getCurrent(unitCode, year - 1),
      store.getCurrent(unitCode, year + 1),
      store.listUnitEntries(unitCode),
    ]);
    if (!version) throw new Error(`current version ${pointer.version} of ${unitCode}/${year} has no stored items`);
    // A withdrawn unit-year shows the notice whatever is current; only `restore` publishes it again (issue 13).
    const notice = await deps.records?.withdrawnPages(version.unit, year);
    if (notice) {
      await site.write(notice);
      return {
        result: { version: pointer.version, written: notice.map((f) => f.path), rounds: round, changes: [] },
        verified: null,
      };
    }
    // Nothing to write on the upload path when the previous holder verified these files and nothing moved since, or
    // when another upload is current now: the run that made it current publishes it (after this lease), as every
    // upload that becomes current does (its retry, if it crashed).
    const entry0 = unitEntriesBefore.find((e) => e.year === year);
    const verifiedAlready = lastWritten === pointer.version && entry0?.version === pointer.version;
    const someoneElses = known !== null && known.version !== pointer.version;
    if (options.skipIfWritten && round === 1 && (verifiedAlready || someoneElses)) {
      return {
        result: { version: pointer.version, written: [], rounds: 0, changes: [] },
        verified: verifiedAlready ? lastWritten : null,
      };
    }
    const previous = previousPointer ? await store.loadVersion(unitCode, year - 1, previousPointer.version) : null;
    const disclosureFiles = await renderDisclosure(
      deps,
      version,
      pointer,
      previous && { year: year - 1, disclosure: previous.disclosure },
    );

    // Data files, then the page that links them.
    await fault('before-disclosure-write');
    await writeWaves(site, disclosureFiles, written);

    // The catalog entry (department-year and unit partitions); a unit that changed 主管部门 leaves a tombstone.
    const before = unitEntriesBefore.find((e) => e.year === year) ?? null;
    const slug = departmentKey(version.unit);
    const beforeSlug = before ? departmentKey(before.unit) : null;
    const movedFrom = beforeSlug !== null && beforeSlug !== slug ? beforeSlug : (before?.movedFrom ?? null);
    const entry = { ...catalogEntry(version, pointer.publishedAt), ...(movedFrom ? { movedFrom } : {}) };
    await store.putCatalogEntry(entry, slug, beforeSlug);
    const unitEntries = [...unitEntriesBefore.filter((e) => e.year !== year), entry].sort((a, b) => b.year - a.year);

    // The unit's page, and its following year (which quotes this one) rendered from the following year's pointer.
    const following =
      nextPointer === null || (await deps.records?.withdrawnPages(version.unit, year + 1))
        ? []
        : await renderFollowing(deps, unitCode, year + 1, nextPointer, { year, disclosure: version.disclosure });
    if (following.length > 0) await fault('before-following-write');
    const rest = [...renderer.unitPage(version.unit, unitEntries), ...following];
    await writeWaves(site, rest, written);

    // Re-read everything the files were rendered from.
    await fault('before-recheck');
    const [after, afterPrevious, afterNext, afterEntries] = await Promise.all([
      store.getCurrent(unitCode, year),
      store.getCurrent(unitCode, year - 1),
      store.getCurrent(unitCode, year + 1),
      store.listUnitEntries(unitCode),
    ]);
    const departments = movedFrom && movedFrom !== slug ? [slug, movedFrom] : [slug];
    if (after?.version !== pointer.version) {
      // A newer upload of this unit-year became current while we wrote: it publishes once the lease is back, over
      // whatever we wrote. Our catalog entry may be stale until then, so the department still gets its change.
      deps.log?.info('publication handed over to a newer upload of the unit-year', { unitCode, year, round });
      const changes = await recordIndexChanges(deps, year, departments);
      return { result: { version: null, written: [...written], rounds: round, changes }, verified: null };
    }
    if (
      afterPrevious?.version === previousPointer?.version &&
      afterNext?.version === nextPointer?.version &&
      entriesSignature(afterEntries) === entriesSignature(unitEntries)
    ) {
      const changes = await recordIndexChanges(deps, year, departments);
      return {
        result: { version: pointer.version, written: [...written], rounds: round, changes },
        verified: pointer.version,
      };
    }
    // Another year of this unit published meanwhile (its pages quote each other): write again from the current state.
    deps.log?.info('publication moved while writing; writing again from the current state', { unitCode, year, round });
    known = null;
    await store.takePublishLease(unitCode, year, owner, Date.now() + PUBLISH_LEASE_MS, Date.now());
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * Math.min(round, 5)));
  }
  throw new Error(`publication of ${unitCode}/${year} kept moving for ${MAX_ROUNDS} rounds (will be retried)`);
}

/**
 * Records that the index pages of these departments (of `year`) changed: an atomic ADD on each department-year's
 * change counter, then one message each for the rebuild function. Call it after the catalog entries are written.
 */
export async function recordIndexChanges(
  deps: Pick<PublishDeps, 'store' | 'indexQueue'> & Partial<Pick<PublishDeps, 'site' | 'renderer' | 'log'>>,
  year: number,
  departments: readonly string[],
): Promise<IndexChange[]> {
  const changes: IndexChange[] = [];
  for (const department of new Set(departments)) {
    const change = await deps.store.recordDepartmentChange(year, department);
    changes.push({ kind: 'department', year, department, change });
  }
  if (changes.length === 0) return changes;
  if (deps.indexQueue) await deps.indexQueue.send(changes);
  else if (deps.site && deps.renderer) {
    for (const c of changes) if (c.kind === 'department') await rebuildIndexes(deps as RebuildDeps, year, c.department);
  }
  return changes;
}

async function writeWaves(site: SiteWriter, files: readonly SiteFile[], written: Set<string>): Promise<void> {
  for (const wave of [files.filter((f) => !f.path.endsWith('.html')), files.filter((f) => f.path.endsWith('.html'))]) {
    if (wave.length === 0) continue;
    await site.write(wave);
    for (const f of wave) written.add(f.path);
  }
}

/**
 * The files of one version as current: with its publication record when there is one (公开日期, 更正说明 and the
 * earlier versions at their stable addresses, issue 13).
 */
async function renderDisclosure(
  deps: PublishDeps,
  version: StoredVersion,
  pointer: CurrentPointer,
  previous: PublishedDisclosure['previous'],
): Promise<SiteFile[]> {
  const record = deps.records ? await deps.records.history(version, pointer.publishedAt) : null;
  const page = (v: StoredVersion): PublishedDisclosure => ({
    unit: version.unit,
    year: version.year,
    version: v.version,
    publishedAt: pointer.publishedAt,
    disclosure: v.disclosure,
    supplement: v.supplement,
    findings: v.findings,
    previous,
    history: record?.history ?? null,
  });
  return deps.renderer.disclosureFiles({ ...page(version), earlier: (record?.earlier ?? []).map(page) });
}

/** The following year's disclosure again, with this year's (just published) disclosure as its previous year. */
async function renderFollowing(
  deps: PublishDeps,
  unitCode: string,
  year: number,
  pointer: CurrentPointer,
  previous: PublishedDisclosure['previous'],
): Promise<SiteFile[]> {
  const next = await deps.store.loadVersion(unitCode, year, pointer.version);
  if (!next) return [];
  return renderDisclosure(deps, next, pointer, previous);
}

function entriesSignature(entries: readonly CatalogEntry[]): string {
  return entries
    .map((e) => `${e.year}@${e.version}`)
    .sort()
    .join(',');
}

export function catalogEntry(version: StoredVersion, publishedAt: string): CatalogEntry {
  const t1 = version.disclosure.tables.T1;
  return {
    year: version.year,
    unit: version.unit,
    publishedAt,
    version: version.version,
    totalIncome: t1?.rows.find((r) => r.line === T1_LINES.incomeTotal)?.cells[1]?.value.toFixed(2) ?? '0.00',
    totalExpenditure: t1?.rows.find((r) => r.line === T1_LINES.expenseTotal)?.cells[2]?.value.toFixed(2) ?? '0.00',
  };
}
