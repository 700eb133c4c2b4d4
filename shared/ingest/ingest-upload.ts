import { type Logger, silentLogger } from '../log.ts';
import type {
  CurrentPointer,
  DisclosureStore,
  IndexQueue,
  PublicationRecords,
  RegisteredUnit,
  ReportSink,
  SiteWriter,
  StoredVersion,
  Submission,
  UnitRegistry,
  UploadFetch,
  UploadSource,
} from '../ports.ts';
import type { ValidationReport } from '../rules/validate.ts';
import { SandboxUnavailable } from '../sandbox/workbook-sandbox.ts';
import { publicUrl, sitePaths } from '../site/paths.ts';
import type { SiteRenderer } from '../site/site-model.ts';
import type { Supplement } from '../supplement/model.ts';
import type { ValidationOptions } from '../validate-workbook.ts';
import type { ReadResult } from '../workbook/read-workbook.ts';
import { type IdentifiedUpload, identifyUpload, type ReceivedUpload, submissionRecord } from './identify-upload.ts';
import { compareUploads } from './ordering.ts';
import { type PublishDeps, publishDisclosure } from './publish-site.ts';
import { type ParsedKey, parseUploadKey, UPLOAD_PREFIX } from './upload-key.ts';
import { refusalReport, writeReport } from './upload-report.ts';

/**
 * The ingest use case: one uploaded object in, a report out, and — when the workbook passes — a new current
 * publication of that unit-year. Safe under at-least-once, unordered delivery:
 * - the upload id is derived from the object's identity, so a repeated event finds its finished submission and
 *   changes nothing;
 * - a version's items are written before one conditional write makes it current; readers follow only the pointer;
 * - an older upload never replaces a newer current one (see ordering.ts);
 * - every step is idempotent, so a retry after a crash at any point converges to the state of a single delivery.
 */

/** The S3 event fields the use case needs (key already URL-decoded). */
export interface UploadEvent {
  key: string;
  eventTime: string;
  sequencer: string | null;
  etag: string | null;
  versionId: string | null;
}

export type IngestStatus = 'published' | 'rejected' | 'superseded' | 'duplicate' | 'ignored';

export interface IngestOutcome {
  status: IngestStatus;
  uploadId: string | null;
  unitCode: string | null;
  year: number | null;
  reportPath: string | null;
  url: string | null;
  report: ValidationReport | null;
}

/** Named points where tests inject a crash, to prove that a retry converges. */
export type FaultPoint = 'after-submission' | 'after-version' | 'after-pointer' | 'after-site' | 'after-report';

export type Validate = (
  bytes: Uint8Array,
  expect: ValidationOptions,
) => Promise<{ report: ValidationReport; read: ReadResult; supplement: Supplement | null }>;

export interface IngestDeps {
  uploads: UploadSource;
  reports: ReportSink;
  site: SiteWriter;
  registry: UnitRegistry;
  store: DisclosureStore;
  renderer: SiteRenderer;
  validate: Validate;
  siteBaseUrl: string;
  maxUploadBytes: number;
  now?: () => Date;
  log?: Logger;
  fault?: (point: FaultPoint) => void | Promise<void>;
  /** Finer points inside the publication (publish-site.ts), told which unit-year is there. */
  publishFault?: PublishDeps['publishFault'];
  /**
   * Where "department-year changed" messages go (the index rebuild queue). Without it the change counters are still
   * kept but nothing triggers a rebuild: every deployed or embedded composition sets it.
   */
  indexQueue?: IndexQueue;
  /** Versions, corrections and withdrawals, read when publishing (issue 13, shared/admin). */
  records?: PublicationRecords;
  /**
   * Told when an upload of a unit-year is finished (published, rejected or superseded): the admin status report is
   * refreshed here (issue 13). A failure is logged and never fails the upload.
   */
  afterUpload?: (unitCode: string, year: number, known: StoredVersion | null) => Promise<void>;
  /** Told how long each phase of an upload took (the Lambda turns it into metrics). */
  measure?: (phase: IngestPhase, milliseconds: number) => void;
}

/** The timed phases of an upload: reading and checking the workbook; rendering and writing the site. */
export type IngestPhase = 'validation' | 'publication';

/**
 * The steps, in order: identify the upload (fetch its object, find its id and any submission an earlier delivery
 * left) → a finished upload is a duplicate → admit it (key, unit, size) → check the workbook → publish it, or reject
 * it with its report.
 */
export async function ingestUpload(event: UploadEvent, deps: IngestDeps): Promise<IngestOutcome> {
  const log = deps.log ?? silentLogger;
  // Only uploads/ triggers processing; reports and anything else are not ours (the AWS filter does the same).
  if (!event.key.startsWith(UPLOAD_PREFIX)) {
    log.info('ignored object outside uploads/', { key: event.key, outcome: 'ignored' });
    return ignored(null, null);
  }
  const parsed = parseUploadKey(event.key);
  const fetched = await deps.uploads.fetch(event.key, event.versionId, deps.maxUploadBytes);
  if (fetched.kind === 'gone') {
    // Deleted before we got to it: nothing to validate, nothing to publish. The event is acknowledged.
    const { unitCode, year } = parsed;
    log.warn('upload no longer exists', { key: event.key, unitCode, year, outcome: 'ignored' });
    return ignored(unitCode, year);
  }
  const identified = await identifyUpload(event, parsed, fetched, deps);
  if (isFinished(identified.previous)) return duplicate(identified, identified.previous, log);

  const upload: ReceivedUpload = { ...identified, receivedAt: nowIso(deps) };
  const admitted = await admitUpload(parsed, fetched, deps);
  if (admitted.kind === 'refused') return rejectUpload(upload, admitted.report, deps);
  await deps.store.putSubmission(
    submissionRecord(upload, {
      finishedAt: null,
      status: 'processing',
      summary: null,
      version: null,
    }),
  );
  await deps.fault?.('after-submission');

  const checked = await checkWorkbook(upload, admitted, deps);
  if (checked.kind === 'refused') return rejectUpload(upload, checked.report, deps);
  return publishUpload(upload, admitted, checked, deps);
}

function nowIso(deps: Pick<IngestDeps, 'now'>): string {
  return (deps.now?.() ?? new Date()).toISOString();
}

/** The fields every log line of an upload carries. */
function logContext(upload: IdentifiedUpload) {
  return { key: upload.event.key, unitCode: upload.unitCode, year: upload.year, uploadId: upload.uploadId };
}

function ignored(unitCode: string | null, year: number | null): IngestOutcome {
  return { status: 'ignored', uploadId: null, unitCode, year, reportPath: null, url: null, report: null };
}

/**
 * A repeated event of a finished upload changes nothing. (`failed`: its last attempt failed and the unit was told
 * so, record-failure.ts; a replay processes it again.)
 */
function isFinished(previous: Submission | null): previous is Submission {
  return previous !== null && previous.status !== 'processing' && previous.status !== 'failed';
}

function duplicate(upload: IdentifiedUpload, previous: Submission, log: Logger): IngestOutcome {
  log.info('duplicate event', { ...logContext(upload), outcome: 'duplicate', previous: previous.status });
  const { uploadId, unitCode, year } = upload;
  return { status: 'duplicate', uploadId, unitCode, year, reportPath: previous.reportPath, url: null, report: null };
}

/** An upload refused, with the report that says why. */
type Refused = { kind: 'refused'; report: ValidationReport };

/** An upload let in to be checked: its unit, year and workbook. */
type Admitted = { kind: 'admitted'; unit: RegisteredUnit; year: number; bytes: Uint8Array };

/** Admits an upload whose key follows the contract (K-01), of a registered unit (K-02), within the size limit (K-03). */
async function admitUpload(
  parsed: ParsedKey,
  fetched: Exclude<UploadFetch, { kind: 'gone' }>,
  deps: IngestDeps,
): Promise<Admitted | Refused> {
  if (!parsed.ok) return { kind: 'refused', report: refusalReport('K-01', parsed.reason, parsed.year) };
  const unit = await deps.registry.get(parsed.unitCode);
  if (unit === null) {
    const message = `单位编码 ${parsed.unitCode} 尚未登记，不能发布。请联系管理员登记本单位（gongkai units add）。`;
    return { kind: 'refused', report: refusalReport('K-02', message, parsed.year) };
  }
  if (fetched.kind === 'too-large') {
    const message = `文件大小 ${(fetched.size / 1024 / 1024).toFixed(1)} MB，超过上限 ${(deps.maxUploadBytes / 1024 / 1024).toFixed(0)} MB。`;
    return { kind: 'refused', report: refusalReport('K-03', message, parsed.year) };
  }
  return { kind: 'admitted', unit, year: parsed.year, bytes: fetched.bytes };
}

/** A workbook that passed its checks: its report, its tables and its supplementary sheets. */
type Passed = {
  kind: 'passed';
  report: ValidationReport;
  read: Extract<ReadResult, { status: 'read' }>;
  supplement: Supplement | null;
};

/** Reads and checks the workbook (timed as the `validation` phase). */
async function checkWorkbook(upload: ReceivedUpload, admitted: Admitted, deps: IngestDeps): Promise<Passed | Refused> {
  const { unit, year } = admitted;
  let validated: Awaited<ReturnType<Validate>>;
  const validationStart = performance.now();
  try {
    validated = await deps.validate(admitted.bytes, {
      unitName: unit.name,
      unitAliases: unit.aliases,
      year,
      kind: unit.kind ?? null,
    });
  } catch (error) {
    // No worker could be started: the platform's failure, not the file's. Retried like any infrastructure error.
    if (error instanceof SandboxUnavailable) throw error;
    // Parsing is total: whatever the bytes, the unit gets a report. A throw here is a reader bug, logged for us.
    (deps.log ?? silentLogger).error('validator threw on an upload', {
      ...logContext(upload),
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    const message = '文件内容无法解析（格式异常）。请用 Excel 或 WPS 打开后另存为 .xlsx 再上传；如仍失败请联系管理员。';
    return { kind: 'refused', report: refusalReport('F-01', message, year) };
  }
  deps.measure?.('validation', performance.now() - validationStart);
  const { report, read, supplement } = validated;
  if (report.status === 'rejected' || read.status !== 'read') return { kind: 'refused', report };
  return { kind: 'passed', report, read, supplement };
}

/** Tells the unit why with its report; the publication is left as it was. */
async function rejectUpload(
  upload: ReceivedUpload,
  report: ValidationReport,
  deps: IngestDeps,
): Promise<IngestOutcome> {
  await writeReport(deps.reports, upload, report, 'rejected', null);
  const { uploadId, unitCode, year, reportPath } = upload;
  // A key without a unit-year has no place for a submission: its report is the whole answer.
  if (unitCode !== null && year !== null) {
    await finishSubmission(
      upload,
      unitCode,
      year,
      { status: 'rejected', summary: report.summary, version: null },
      null,
      deps,
    );
  }
  (deps.log ?? silentLogger).info('upload rejected', {
    ...logContext(upload),
    outcome: 'rejected',
    errors: report.summary.errors,
    warnings: report.summary.warnings,
  });
  return { status: 'rejected', uploadId, unitCode, year, reportPath, url: null, report };
}

/**
 * Stores the version, makes it current unless a newer upload is (then the upload is superseded), makes the
 * unit-year's files show the current version, then writes the report and finishes the submission.
 */
async function publishUpload(
  upload: ReceivedUpload,
  admitted: Admitted,
  checked: Passed,
  deps: IngestDeps,
): Promise<IngestOutcome> {
  const { unit, year } = admitted;
  const { report } = checked;
  const stored = storedVersion(upload, admitted, checked);
  await deps.store.saveVersion(stored);
  await deps.fault?.('after-version');
  // When this upload's version becomes current, if it does (kept on its submission: the version history, issue 13).
  const publishedAt = nowIso(deps);

  const { event, uploadId } = upload;
  const made = await makeCurrent(deps, unit, year, {
    version: stored.version,
    uploadId,
    key: event.key,
    eventTime: event.eventTime,
    sequencer: event.sequencer,
    publishedAt,
  });
  await deps.fault?.('after-pointer');

  // The unit-year's files are made to show its current version. Published: this run's own. Superseded: a retry (an
  // earlier attempt of this upload may have made itself current, written its files after a newer publication's and
  // crashed) repairs them; a first attempt that never became current never wrote anything, so it has nothing to repair.
  if (made || upload.previous !== null) await publishFiles(stored, deps);
  await deps.fault?.('after-site');

  const status: 'published' | 'superseded' = made ? 'published' : 'superseded';
  const url = made ? publicUrl(deps.siteBaseUrl, sitePaths.disclosure(year, unit.code)) : null;
  await writeReport(deps.reports, upload, report, status, url);
  await deps.fault?.('after-report');
  const end = { status, summary: report.summary, version: stored.version, ...(made ? { publishedAt } : {}) };
  await finishSubmission(upload, unit.code, year, end, stored, deps);
  (deps.log ?? silentLogger).info(`upload ${status}`, {
    ...logContext(upload),
    outcome: status,
    version: stored.version,
    warnings: report.summary.warnings,
    notices: report.summary.notices,
  });
  return { status, uploadId, unitCode: upload.unitCode, year: upload.year, reportPath: upload.reportPath, url, report };
}

/** The version an upload that passed stores: its id is the upload's. */
function storedVersion(upload: ReceivedUpload, { unit, year }: Admitted, checked: Passed): StoredVersion {
  return {
    unit: {
      code: unit.code,
      name: unit.name,
      department: unit.department,
      ...(unit.departmentCode ? { departmentCode: unit.departmentCode } : {}),
    },
    year,
    version: upload.uploadId,
    disclosure: checked.read.disclosure,
    supplement: checked.supplement,
    findings: checked.report.findings,
  };
}

/** Writes the unit-year's own files from its current version (timed as the `publication` phase). */
async function publishFiles(stored: StoredVersion, deps: IngestDeps): Promise<void> {
  const publicationStart = performance.now();
  await publishDisclosure(deps, stored.unit.code, stored.year, stored, { skipIfWritten: true });
  deps.measure?.('publication', performance.now() - publicationStart);
}

/**
 * Compare-and-swap on the unit-year pointer. Returns true when `next` is (now or already) current, false when a
 * newer upload is current.
 */
async function makeCurrent(
  deps: IngestDeps,
  unit: RegisteredUnit,
  year: number,
  next: CurrentPointer,
): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const current = await deps.store.getCurrent(unit.code, year);
    if (current?.version === next.version) return true;
    if (current && compareUploads(next, current) < 0) return false;
    if (await deps.store.setCurrent(unit.code, year, next, current)) return true;
  }
  throw new Error(`pointer of ${unit.code}/${year} kept moving; giving up after 20 attempts (will be retried)`);
}

/**
 * Records how the upload ended on its submission, then tells `afterUpload` (the admin status report). A failure
 * there is logged and never the upload's.
 */
async function finishSubmission(
  upload: ReceivedUpload,
  unitCode: string,
  year: number,
  end: Pick<Submission, 'status' | 'summary' | 'version'> & { publishedAt?: string },
  known: StoredVersion | null,
  deps: IngestDeps,
): Promise<void> {
  await deps.store.putSubmission(submissionRecord(upload, { finishedAt: nowIso(deps), ...end }));
  try {
    await deps.afterUpload?.(unitCode, year, known);
  } catch (error) {
    (deps.log ?? silentLogger).warn('admin status refresh failed; the next upload or admin action refreshes it', {
      ...logContext(upload),
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
  }
}
