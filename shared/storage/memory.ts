import { disclosureFromJson, disclosureToJson } from '../disclosure/serialize.ts';
import type {
  CurrentPointer,
  DisclosureStore,
  FetchedUpload,
  RegisteredUnit,
  ReportSink,
  SiteWriter,
  StoredVersion,
  Submission,
  UnitRegistry,
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
  async fetch(key: string, _versionId: string | null, maxBytes: number) {
    const o = this.objects.get(key);
    if (!o) return 'missing' as const;
    if (o.bytes.length > maxBytes) return { tooLarge: o.bytes.length, metadata: o.metadata };
    return o;
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
  readonly invalidations: string[][] = [];
  writes = 0;
  async write(files: readonly SiteFile[]): Promise<void> {
    for (const f of files) this.files.set(f.path, f);
    this.writes += files.length;
  }
  async invalidate(paths: readonly string[]): Promise<void> {
    this.invalidations.push([...paths]);
  }
  async remove(paths: readonly string[]): Promise<void> {
    for (const p of paths) this.files.delete(p);
  }
  text(path: string): string | null {
    const f = this.files.get(path);
    return f === undefined ? null : typeof f.body === 'string' ? f.body : new TextDecoder().decode(f.body);
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
  readonly revisions = new Map<string, string>();
  private revisionCounter = 0;
  writes = 0;

  async getSubmission(unitCode: string, year: number, uploadId: string) {
    const s = this.submissions.get(`${unitCode}/${year}/${uploadId}`);
    return s ? clone(s) : null;
  }
  async putSubmission(s: Submission) {
    this.writes++;
    this.submissions.set(`${s.unitCode}/${s.year}/${s.uploadId}`, clone(s));
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
    this.revisions.set(`${entry.year}/${slug}`, `${entry.unit.code}@${entry.version}@${++this.revisionCounter}`);
    if (previousSlug !== null && previousSlug !== slug)
      this.revisions.set(`${entry.year}/${previousSlug}`, `moved@${++this.revisionCounter}`);
    this.bucket(`U/${entry.unit.code}`).set(String(entry.year), clone(entry));
  }
  async departmentRevision(year: number, slug: string) {
    return this.revisions.get(`${year}/${slug}`) ?? null;
  }
  async listDepartmentEntries(year: number, slug: string) {
    return [...this.bucket(`D/${year}/${slug}`).values()].map(clone);
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
}
