import { disclosureFromJson, disclosureToJson } from '../disclosure/serialize.ts';
import type {
  CurrentPointer,
  DepartmentBuild,
  DisclosureStore,
  FetchedUpload,
  IndexChange,
  IndexQueue,
  IndexState,
  RegisteredUnit,
  ReportSink,
  SiteWriter,
  StoredVersion,
  Submission,
  UnitRegistry,
  UploadFetch,
  UploadSource,
} from '../ports.ts';
import type { CatalogEntry, DepartmentSummary, SiteFile } from '../site/site-model.ts';

/**
 * In-memory fakes of the ports, for pure domain tests. They copy values in and out (through JSON where the real
 * store serializes) so a test cannot pass by sharing an object with the code under test.
 */
const clone = <T>(v: T): T => structuredClone(v);

export class MemoryUploads implements UploadSource {
  readonly objects = new Map<string, FetchedUpload>();
  put(key: string, bytes: Uint8Array, metadata: Record<string, string> = {}): void {
    this.objects.set(key, {
      bytes,
      etag: `etag-${bytes.length}-${this.objects.size}`,
      versionId: null,
      metadata,
      lastModified: new Date().toISOString(),
    });
  }
  async fetch(key: string, _versionId: string | null, maxBytes: number): Promise<UploadFetch> {
    const o = this.objects.get(key);
    if (!o) return { kind: 'gone' };
    if (o.bytes.length > maxBytes) return { kind: 'too-large', size: o.bytes.length, metadata: o.metadata };
    return { kind: 'found', ...o };
  }
}

export class MemoryReports implements ReportSink {
  readonly reports = new Map<string, { json: string; html: string }>();
  async putReport(path: string, json: string, html: string): Promise<void> {
    this.reports.set(path, { json, html });
  }
}

export class MemorySite implements SiteWriter {
  readonly files = new Map<string, SiteFile>();
  writes = 0;
  async write(files: readonly SiteFile[]): Promise<void> {
    for (const f of files) this.files.set(f.path, f);
    this.writes += files.length;
  }
  async remove(paths: readonly string[]): Promise<void> {
    for (const p of paths) this.files.delete(p);
  }
  text(path: string): string | null {
    const f = this.files.get(path);
    return f === undefined ? null : typeof f.body === 'string' ? f.body : new TextDecoder().decode(f.body);
  }
}

/** Collects index changes; a test drains them through the rebuild (shared/ingest/rebuild-indexes.ts). */
export class MemoryIndexQueue implements IndexQueue {
  readonly messages: IndexChange[] = [];
  sent = 0;
  async send(changes: readonly IndexChange[]): Promise<void> {
    this.sent += changes.length;
    this.messages.push(...changes.map(clone));
  }
  /** Takes every message queued so far. */
  take(): IndexChange[] {
    return this.messages.splice(0, this.messages.length);
  }
}

export class MemoryRegistry implements UnitRegistry {
  private readonly units = new Map<string, RegisteredUnit>();
  async get(code: string) {
    const u = this.units.get(code);
    return u ? clone(u) : null;
  }
  async put(unit: RegisteredUnit) {
    this.units.set(unit.code, clone(unit));
  }
  async list() {
    return [...this.units.values()].map(clone);
  }
  async remove(code: string) {
    return this.units.delete(code);
  }
}

export class MemoryStore implements DisclosureStore {
  readonly submissions = new Map<string, Submission>();
  readonly versions = new Map<string, string>();
  readonly pointers = new Map<string, CurrentPointer>();
  readonly catalog = new Map<string, Map<string, CatalogEntry>>();
  readonly departments = new Map<number, Map<string, DepartmentSummary>>();
  readonly years = new Map<number, number>();
  readonly indexStates = new Map<string, IndexState>();
  writes = 0;

  async getSubmission(unitCode: string, year: number, uploadId: string) {
    const s = this.submissions.get(`${unitCode}/${year}/${uploadId}`);
    return s ? clone(s) : null;
  }
  async putSubmission(s: Submission) {
    this.writes++;
    this.submissions.set(`${s.unitCode}/${s.year}/${s.uploadId}`, clone(s));
  }
  async claimSubmission(s: Submission) {
    const held = this.submissions.get(`${s.unitCode}/${s.year}/${s.uploadId}`);
    if (held && held.objectId !== s.objectId) return clone(held);
    await this.putSubmission(s);
    return null;
  }
  async listSubmissions(unitCode: string, year: number) {
    return [...this.submissions.values()].filter((s) => s.unitCode === unitCode && s.year === year).map(clone);
  }
  async saveVersion(v: StoredVersion) {
    this.writes += 1 + Object.keys(v.disclosure.tables).length;
    this.versions.set(
      `${v.unit.code}/${v.year}/${v.version}`,
      JSON.stringify({ ...v, disclosure: disclosureToJson(v.disclosure) }),
    );
  }
  async loadVersion(unitCode: string, year: number, version: string) {
    const raw = this.versions.get(`${unitCode}/${year}/${version}`);
    if (!raw) return null;
    const v = JSON.parse(raw) as Omit<StoredVersion, 'disclosure'> & { disclosure: string };
    return { ...v, disclosure: disclosureFromJson(v.disclosure) };
  }
  async getCurrent(unitCode: string, year: number) {
    const p = this.pointers.get(`${unitCode}/${year}`);
    return p ? clone(p) : null;
  }
  async setCurrent(unitCode: string, year: number, next: CurrentPointer, expected: CurrentPointer | null) {
    const key = `${unitCode}/${year}`;
    const now = this.pointers.get(key) ?? null;
    if ((now?.version ?? null) !== (expected?.version ?? null)) return false;
    this.writes++;
    this.pointers.set(key, clone(next));
    return true;
  }
  private bucket(k: string) {
    const m = this.catalog.get(k) ?? new Map<string, CatalogEntry>();
    this.catalog.set(k, m);
    return m;
  }
  async putCatalogEntry(entry: CatalogEntry, slug: string, previousSlug: string | null = null) {
    this.writes += 2;
    if (previousSlug !== null && previousSlug !== slug) {
      this.writes++;
      this.bucket(`D/${entry.year}/${previousSlug}`).delete(entry.unit.code);
    }
    this.bucket(`D/${entry.year}/${slug}`).set(entry.unit.code, clone(entry));
    this.bucket(`U/${entry.unit.code}`).set(String(entry.year), clone(entry));
  }
  async listDepartmentEntries(year: number, slug: string) {
    return [...this.bucket(`D/${year}/${slug}`).values()]
      .sort((a, b) => (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0))
      .map(clone);
  }
  async listDepartmentEntriesPage(year: number, slug: string, cursor: string | null, limit: number) {
    const all = await this.listDepartmentEntries(year, slug);
    const from = cursor === null ? 0 : all.findIndex((e) => e.unit.code > cursor);
    const entries = from < 0 ? [] : all.slice(from, from + limit);
    const last = entries.at(-1);
    return { entries, next: from >= 0 && from + limit < all.length && last ? last.unit.code : null };
  }
  async listUnitEntries(unitCode: string) {
    return [...this.bucket(`U/${unitCode}`).values()].map(clone);
  }
  async putDepartmentSummary(year: number, summary: DepartmentSummary) {
    this.writes++;
    const m = this.departments.get(year) ?? new Map<string, DepartmentSummary>();
    this.departments.set(year, m);
    m.set(summary.slug, clone(summary));
  }
  async listDepartmentSummaries(year: number) {
    return [...(this.departments.get(year)?.values() ?? [])].map(clone);
  }
  async putYearSummary(year: number, unitCount: number) {
    this.writes++;
    this.years.set(year, unitCount);
  }
  async listYearSummaries() {
    return [...this.years.entries()].map(([year, unitCount]) => ({ year, unitCount }));
  }
  readonly leases = new Map<string, { owner: string; until: number; lastWritten: string | null }>();
  async takePublishLease(unitCode: string, year: number, owner: string, untilMs: number, nowMs: number) {
    const key = `${unitCode}/${year}`;
    const lease = this.leases.get(key);
    if (lease && lease.until >= nowMs && lease.owner !== owner) return { taken: false, lastWritten: null };
    const next = { owner, until: untilMs, lastWritten: lease?.lastWritten ?? null };
    this.leases.set(key, next);
    return { taken: true, lastWritten: next.lastWritten };
  }
  async releasePublishLease(unitCode: string, year: number, owner: string, lastWritten: string | null) {
    const lease = this.leases.get(`${unitCode}/${year}`);
    if (lease?.owner === owner) Object.assign(lease, { until: 0, lastWritten });
  }
  private state(key: string): IndexState {
    const s = this.indexStates.get(key) ?? { changes: 0, built: 0, builtAt: null, pages: 0, units: 0, name: null };
    this.indexStates.set(key, s);
    return s;
  }
  async recordDepartmentChange(year: number, slug: string) {
    this.writes++;
    return ++this.state(`D/${year}/${slug}`).changes;
  }
  async departmentIndexState(year: number, slug: string) {
    return clone(this.state(`D/${year}/${slug}`));
  }
  async markDepartmentBuilt(year: number, slug: string, build: DepartmentBuild) {
    this.writes++;
    const s = this.state(`D/${year}/${slug}`);
    const { at, ...rest } = build;
    if (s.built <= build.built) Object.assign(s, { ...rest, builtAt: at });
  }
  async recordYearChange(year: number) {
    this.writes++;
    return ++this.state(`Y/${year}`).changes;
  }
  async yearIndexState(year: number) {
    return clone(this.state(`Y/${year}`));
  }
  async markYearBuilt(year: number, built: number, at: string) {
    this.writes++;
    const s = this.state(`Y/${year}`);
    if (s.built <= built) Object.assign(s, { built, builtAt: at });
  }
}
