import type { Disclosure, DisclosureKind } from './disclosure/model.ts';
import type { Finding } from './rules/finding.ts';
import type { ValidationReport } from './rules/validate.ts';
import type { DisclosureHistory } from './site/history-model.ts';
import type { CatalogEntry, DepartmentSummary, SiteFile, UnitInfo } from './site/site-model.ts';
import type { Supplement } from './supplement/model.ts';

/**
 * The ports the ingest use case needs, named for their role. Adapters: S3/DynamoDB (shared/storage/s3-*.ts,
 * dynamo-*.ts) and in-memory fakes for domain tests (shared/storage/memory.ts). The domain never imports AWS.
 */

/** A uploaded object as read from the upload bucket. */
export interface FetchedUpload {
  bytes: Uint8Array;
  etag: string | null;
  versionId: string | null;
  /** User metadata (`x-amz-meta-*`), lower-case keys. */
  metadata: Record<string, string>;
  lastModified: string | null;
}

export interface UploadSource {
  /**
   * Reads the object version the event names (the latest when `versionId` is null) — at most `maxBytes`:
   * `tooLarge` without reading the rest; `missing` if it was deleted meanwhile.
   */
  fetch(
    key: string,
    versionId: string | null,
    maxBytes: number,
  ): Promise<FetchedUpload | 'missing' | { tooLarge: number; metadata: Record<string, string> }>;
}

/** Where reports for units go (`reports/{unitCode}/{year}/{uploadId}.json|.html` in the upload bucket). */
export interface ReportSink {
  putReport(path: string, json: string, html: string): Promise<void>;
}

/** The static site bucket (and its CDN). */
export interface SiteWriter {
  write(files: readonly SiteFile[]): Promise<void>;
  /** Deletes files (a withdrawn disclosure's open data); absent where a writer cannot delete. */
  remove?(paths: readonly string[]): Promise<void>;
  /** Tells the CDN the paths changed (one batched call); a no-op where there is no CDN. */
  invalidate(paths: readonly string[]): Promise<void>;
}

export interface RegisteredUnit extends UnitInfo {
  aliases: string[];
  /**
   * 部门决算 (a 主管部门 publishing for itself and its subordinate units) or 单位决算, set at registration
   * (`units add --kind 部门|单位`). Wins over what the workbook's titles say; absent: the titles decide, else 单位决算.
   */
  kind?: DisclosureKind | null;
}

export interface UnitRegistry {
  get(code: string): Promise<RegisteredUnit | null>;
  put(unit: RegisteredUnit): Promise<void>;
  list(): Promise<RegisteredUnit[]>;
  remove(code: string): Promise<boolean>;
}

/** One upload's processing record (the submission history of a unit-year). */
export interface Submission {
  uploadId: string;
  unitCode: string;
  year: number;
  key: string;
  etag: string | null;
  versionId: string | null;
  sequencer: string | null;
  eventTime: string;
  receivedAt: string;
  finishedAt: string | null;
  /** processing → published | rejected | superseded (accepted, but a newer upload is already current). */
  /** `failed`: the last attempt of the pipeline itself failed; the unit got a K-04 report (record-failure.ts). */
  status: 'processing' | 'published' | 'rejected' | 'superseded' | 'failed';
  summary: ValidationReport['summary'] | null;
  reportPath: string | null;
  version: string | null;
  /** When the version became current (the pointer's time); absent on submissions recorded before issue 13. */
  publishedAt?: string | null;
  /** A version published elsewhere and backfilled by an administrator (`import`): its date and address there. */
  imported?: { source: string; publishedAt: string; by: string } | null;
}

/**
 * The publication record beside the versions (issue 13), provided by shared/admin: the page's 公开日期 / 更新日期 /
 * 更正说明 and the earlier versions to render at their stable addresses, and the notice pages of a withdrawn unit-year
 * (null when it is not withdrawn). Absent: pages show the pointer's date alone.
 */
export interface PublicationRecords {
  history(
    current: StoredVersion,
    publishedAt: string,
  ): Promise<{ history: DisclosureHistory; earlier: StoredVersion[] }>;
  withdrawnPages(unit: UnitInfo, year: number): Promise<SiteFile[] | null>;
}

/** The current publication of a unit-year: the one pointer readers follow. */
export interface CurrentPointer {
  version: string;
  uploadId: string;
  key: string;
  eventTime: string;
  sequencer: string | null;
  publishedAt: string;
}

/** Everything stored for one published version. */
export interface StoredVersion {
  unit: UnitInfo;
  year: number;
  version: string;
  disclosure: Disclosure;
  supplement: Supplement | null;
  findings: Finding[];
}

export interface DisclosureStore {
  getSubmission(unitCode: string, year: number, uploadId: string): Promise<Submission | null>;
  putSubmission(s: Submission): Promise<void>;
  listSubmissions(unitCode: string, year: number): Promise<Submission[]>;

  /** Writes all items of a version. Invisible to readers until {@link setCurrent}. Idempotent. */
  saveVersion(v: StoredVersion): Promise<void>;
  loadVersion(unitCode: string, year: number, version: string): Promise<StoredVersion | null>;
  getCurrent(unitCode: string, year: number): Promise<CurrentPointer | null>;
  /**
   * Makes `next` current with one conditional write: succeeds only if the pointer is still `expected` (null: none
   * yet). Returns false when someone else moved it first (re-read and decide again).
   */
  setCurrent(unitCode: string, year: number, next: CurrentPointer, expected: CurrentPointer | null): Promise<boolean>;

  /** Index entries (one per published unit-year), read per department-year, per unit, per year and overall. */
  /**
   * Records the publication in the catalog. `previousSlug`: the department the unit was listed under for that year
   * before; when it differs (the unit changed 主管部门), the old listing gets a tombstone (no delete permission is
   * needed) and no longer lists the unit.
   */
  putCatalogEntry(entry: CatalogEntry, departmentSlug: string, previousSlug?: string | null): Promise<void>;
  listDepartmentEntries(year: number, departmentSlug: string): Promise<CatalogEntry[]>;
  /**
   * A token that changes with every catalog write to a department-year: one item read tells whether its listing
   * changed, without reading the (possibly large) listing again.
   */
  departmentRevision(year: number, departmentSlug: string): Promise<string | null>;
  listUnitEntries(unitCode: string): Promise<CatalogEntry[]>;
  putDepartmentSummary(year: number, summary: DepartmentSummary): Promise<void>;
  listDepartmentSummaries(year: number): Promise<DepartmentSummary[]>;
  putYearSummary(year: number, unitCount: number): Promise<void>;
  listYearSummaries(): Promise<{ year: number; unitCount: number }[]>;
}
