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

/** What reading an uploaded object found. */
export type UploadFetch =
  | ({ kind: 'found' } & FetchedUpload)
  /** Larger than the limit: refused (K-03) without reading the rest. */
  | { kind: 'too-large'; size: number; metadata: Record<string, string> }
  /** Deleted before we got to it. */
  | { kind: 'gone' };

export interface UploadSource {
  /** Reads the object version the event names (the latest when `versionId` is null) — at most `maxBytes`. */
  fetch(key: string, versionId: string | null, maxBytes: number): Promise<UploadFetch>;
}

/** Where reports for units go (`reports/{unitCode}/{year}/{uploadId}.json|.html` in the upload bucket). */
export interface ReportSink {
  putReport(path: string, json: string, html: string): Promise<void>;
}

/**
 * The static site bucket. There is no CDN invalidation: pages and JSON carry a short max-age with
 * stale-while-revalidate, assets have content-hashed names (see shared/storage/s3-store.ts `cacheControl`).
 */
export interface SiteWriter {
  write(files: readonly SiteFile[]): Promise<void>;
  /** Deletes files (a withdrawn disclosure's open data); absent where a writer cannot delete. */
  remove?(paths: readonly string[]): Promise<void>;
}

/**
 * "The index pages of a department-year (or of a year) need rebuilding": what a publication records, for the index
 * rebuild function to pick up (AWS: an SQS FIFO queue, one message group per department-year; locally the embedded
 * stack's in-process queue). `change` is the department's (year's) change counter after this change (atomic ADD), so
 * a rebuild that already read the listing after that change skips the message: a burst of a hundred publications
 * of one department produces a few rebuilds.
 */
export type IndexChange =
  | { kind: 'department'; year: number; department: string; change: number }
  | { kind: 'year'; year: number; change: number };

export interface IndexQueue {
  send(changes: readonly IndexChange[]): Promise<void>;
}

/** The change counter of an index (department-year or year) and what the last rebuild covered. */
export interface IndexState {
  /** Incremented (atomic ADD) by every change recorded. */
  changes: number;
  /** The `changes` value the last completed rebuild read before it read the listing. */
  built: number;
  /** When the last rebuild completed (ISO), null if never. */
  builtAt: string | null;
  /** Department pages written by the last rebuild (so a shrinking listing can blank the pages it no longer has). */
  pages: number;
  /** Units and name the last rebuild found (a department-year): a year rebuild is needed only when they change. */
  units: number;
  name: string | null;
}

/** What a completed department rebuild records. */
export interface DepartmentBuild {
  /** The change counter read before the listing. */
  built: number;
  pages: number;
  units: number;
  name: string;
  at: string;
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
  /**
   * The object this submission is about (`{key}\n{versionId | etag@sequencer}`): an upload id, even one a client
   * chose, belongs to exactly one object ({@link DisclosureStore.claimSubmission}). Absent on old items.
   */
  objectId?: string;

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
  /**
   * Writes `s` only if its upload id is free or already belongs to the same object (`objectId`), in one conditional
   * write. Returns null when written, else the submission of the other object holding the id (choose another id).
   */
  claimSubmission(s: Submission): Promise<Submission | null>;
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

  /**
   * Records the publication in the catalog (one entry per published unit-year, in its department-year's partition
   * and in the unit's). `previousSlug`: the department the unit was listed under for that year before; when it
   * differs (the unit changed 主管部门), the old listing gets a tombstone (no delete permission is needed).
   */
  putCatalogEntry(entry: CatalogEntry, departmentSlug: string, previousSlug?: string | null): Promise<void>;
  /** The whole listing of a department-year (small departments, tests); rebuilds page through it instead. */
  listDepartmentEntries(year: number, departmentSlug: string): Promise<CatalogEntry[]>;
  /**
   * One page of a department-year's listing in unit-code order: at most `limit` entries read (tombstones are read
   * and dropped, so a page may hold fewer), and the cursor of the next page (null at the end).
   */
  listDepartmentEntriesPage(
    year: number,
    departmentSlug: string,
    cursor: string | null,
    limit: number,
  ): Promise<{ entries: CatalogEntry[]; next: string | null }>;
  listUnitEntries(unitCode: string): Promise<CatalogEntry[]>;
  putDepartmentSummary(year: number, summary: DepartmentSummary): Promise<void>;
  listDepartmentSummaries(year: number): Promise<DepartmentSummary[]>;
  putYearSummary(year: number, unitCount: number): Promise<void>;
  listYearSummaries(): Promise<{ year: number; unitCount: number }[]>;

  /**
   * The publication lease of a unit-year: one writer of its public files at a time. Taken when free, expired or
   * already `owner`'s (conditional write); returns whether it was taken and which version the last verified write
   * showed (`lastWritten`, null when unknown).
   */
  takePublishLease(
    unitCode: string,
    year: number,
    owner: string,
    untilMs: number,
    nowMs: number,
  ): Promise<{ taken: boolean; lastWritten: string | null }>;
  /** Gives the lease back (if still `owner`'s), recording the version the files now verifiably show (or null). */
  releasePublishLease(unitCode: string, year: number, owner: string, lastWritten: string | null): Promise<void>;

  /** Atomic ADD 1 to the change counter of a department-year's index; returns the new value. */
  recordDepartmentChange(year: number, departmentSlug: string): Promise<number>;
  departmentIndexState(year: number, departmentSlug: string): Promise<IndexState>;
  /** Records a completed rebuild that read the listing after change `built`; never moves `built` backwards. */
  markDepartmentBuilt(year: number, departmentSlug: string, build: DepartmentBuild): Promise<void>;
  /** The same for a year's index (year page, home page). */
  recordYearChange(year: number): Promise<number>;
  yearIndexState(year: number): Promise<IndexState>;
  markYearBuilt(year: number, built: number, at: string): Promise<void>;
}
