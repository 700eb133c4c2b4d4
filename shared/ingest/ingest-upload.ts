import { createHash } from 'node:crypto';
import { finding } from '../disclosure/finding.ts';
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
  UploadSource,
} from '../ports.ts';
import { renderReportHtml } from '../report/render-report-html.ts';
import { summarize, type ValidationReport } from '../rules/validate.ts';
import { SandboxUnavailable } from '../sandbox/workbook-sandbox.ts';
import { publicUrl, sitePaths } from '../site/paths.ts';
import type { SiteRenderer } from '../site/site-model.ts';
import type { Supplement } from '../supplement/model.ts';
import type { ValidationOptions } from '../validate-workbook.ts';
import type { ReadResult } from '../workbook/read-workbook.ts';
import { compareUploads } from './ordering.ts';
import { type PublishDeps, publishDisclosure } from './publish-site.ts';
import { parseUploadKey, REPORT_PREFIX, UPLOAD_PREFIX } from './upload-key.ts';

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

const UPLOAD_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * A client may name its upload (`x-amz-meta-upload-id`, set by `gongkai upload`) to find its report; otherwise the
 * id is a hash of the object's identity (key + version or etag + sequencer), the same for every redelivery.
 */
export function uploadIdFor(event: UploadEvent, metadata: Record<string, string>): string {
  const named = metadata['upload-id'];
  if (named && UPLOAD_ID.test(named)) return named;
  const identity = [
    event.key,
    event.versionId ?? '',
    event.etag ?? '',
    event.versionId ? '' : (event.sequencer ?? ''),
  ].join('\n');
  return `u${createHash('sha256').update(identity).digest('hex').slice(0, 24)}`;
}

function reportPathFor(unitCode: string | null, year: number | null, uploadId: string): string {
  return `${REPORT_PREFIX}${unitCode ?? '_unknown'}/${year ?? '_unknown'}/${uploadId}`;
}

export async function ingestUpload(event: UploadEvent, deps: IngestDeps): Promise<IngestOutcome> {
  const log = deps.log ?? silentLogger;
  const now = deps.now ?? (() => new Date());
  const fault = deps.fault ?? (() => {});
  const base = { key: event.key };
  // Only uploads/ triggers processing; reports and anything else are not ours (the AWS filter does the same).
  if (!event.key.startsWith(UPLOAD_PREFIX)) {
    log.info('ignored object outside uploads/', { ...base, outcome: 'ignored' });
    return { status: 'ignored', uploadId: null, unitCode: null, year: null, reportPath: null, url: null, report: null };
  }
  const parsed = parseUploadKey(event.key);
  const unitCode = parsed.unitCode;
  const year = parsed.year;
  const fetched = await deps.uploads.fetch(event.key, event.versionId, deps.maxUploadBytes);
  if (fetched === 'missing') {
    // Deleted before we got to it: nothing to validate, nothing to publish. The event is acknowledged.
    log.warn('upload no longer exists', { ...base, unitCode, year, outcome: 'ignored' });
    return { status: 'ignored', uploadId: null, unitCode, year, reportPath: null, url: null, report: null };
  }
  const metadata = fetched.metadata;
  const identity = { ...event, etag: event.etag ?? ('bytes' in fetched ? fetched.etag : null) };
  let uploadId = uploadIdFor(identity, metadata);
  // The upload's own submission, if any: read once, for the two decisions below.
  let previous = unitCode !== null && year !== null ? await deps.store.getSubmission(unitCode, year, uploadId) : null;
  // A client-named id belongs to one object: a copy keeps the metadata (an admin restoring an old version with
  // `aws s3 cp`), so a finished submission of another object under that id must not make this one a duplicate.
  const versionId = event.versionId ?? ('bytes' in fetched ? fetched.versionId : null);
  const objectId = `${event.key}\n${versionId ?? `${identity.etag ?? ''}@${event.sequencer ?? ''}`}`;
  const named = metadata['upload-id'] === uploadId;
  if (previous && named) {
    const sameObject = previous.objectId
      ? previous.objectId === objectId
      : previous.key === event.key && (previous.versionId ?? previous.etag) === (versionId ?? identity.etag);
    if (!sameObject && unitCode !== null && year !== null) {
      uploadId = uploadIdFor(identity, {});
      previous = await deps.store.getSubmission(unitCode, year, uploadId);
    }
  }
  // …and two different objects carrying it at the same moment must not merge either: the id is claimed for this
  // object by one conditional write before anything else is written under it; the loser takes its own hash id.
  if (named && metadata['upload-id'] === uploadId && unitCode !== null && year !== null && previous === null) {
    const holder = await deps.store.claimSubmission({
      uploadId,
      unitCode,
      year,
      key: event.key,
      etag: identity.etag,
      versionId,
      sequencer: event.sequencer,
      eventTime: event.eventTime,
      receivedAt: now().toISOString(),
      finishedAt: null,
      status: 'processing',
      summary: null,
      reportPath: reportPathFor(unitCode, year, uploadId),
      version: null,
      objectId,
    });
    if (holder !== null) {
      uploadId = uploadIdFor(identity, {});
      previous = await deps.store.getSubmission(unitCode, year, uploadId);
    }
  }
  const reportPath = reportPathFor(unitCode, year, uploadId);
  const ctx = { ...base, unitCode, year, uploadId };

  // A repeated event of a finished upload changes nothing.
  // (`failed`: its last attempt failed and the unit was told so, record-failure.ts; a replay processes it again.)
  if (previous && previous.status !== 'processing' && previous.status !== 'failed') {
    log.info('duplicate event', { ...ctx, outcome: 'duplicate', previous: previous.status });
    return { status: 'duplicate', uploadId, unitCode, year, reportPath: previous.reportPath, url: null, report: null };
  }

  const receivedAt = now().toISOString();
  // When this upload's version becomes current, if it does (kept on its submission: the version history, issue 13).
  let publishedAt = receivedAt;
  const fileName = event.key.split('/').pop() ?? event.key;
  const reject = async (report: ValidationReport): Promise<IngestOutcome> => {
    await deps.reports.putReport(
      reportPath,
      JSON.stringify({
        ...report,
        uploadId,
        source: { key: event.key, etag: event.etag, versionId: event.versionId },
        url: null,
      }),
      renderReportHtml(report, {
        unitCode,
        year,
        fileName,
        receivedAt,
        outcome: '未发布：请根据问题清单修改后重新上传',
        url: null,
      }),
    );
    if (unitCode !== null && year !== null) {
      await deps.store.putSubmission(submission('rejected', report, null));
      await settled(unitCode, year);
    }
    log.info('upload rejected', {
      ...ctx,
      outcome: 'rejected',
      errors: report.summary.errors,
      warnings: report.summary.warnings,
    });
    return { status: 'rejected', uploadId, unitCode, year, reportPath, url: null, report };
  };
  const submission = (
    status: Submission['status'],
    report: ValidationReport | null,
    version: string | null,
  ): Submission => ({
    uploadId,
    unitCode: unitCode ?? '',
    year: year ?? 0,
    key: event.key,
    etag: event.etag ?? ('bytes' in fetched ? fetched.etag : null),
    versionId: event.versionId ?? ('bytes' in fetched ? fetched.versionId : null),
    sequencer: event.sequencer,
    eventTime: event.eventTime,
    receivedAt,
    finishedAt: status === 'processing' ? null : now().toISOString(),
    status,
    summary: report?.summary ?? null,
    reportPath,
    version,
    objectId,
    ...(status === 'published' ? { publishedAt } : {}),
  });
  const settled = async (code: string, y: number, known: StoredVersion | null = null) => {
    try {
      await deps.afterUpload?.(code, y, known);
    } catch (error) {
      log.warn('admin status refresh failed; the next upload or admin action refreshes it', {
        ...ctx,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
  };
  const single = (rule: string, message: string) =>
    summarize([finding({ rule, severity: 'error', message })], null, year, false);

  if (!parsed.ok) return reject(single('K-01', parsed.reason));
  const unit = await deps.registry.get(parsed.unitCode);
  if (unit === null) {
    return reject(
      single('K-02', `单位编码 ${parsed.unitCode} 尚未登记，不能发布。请联系管理员登记本单位（gongkai units add）。`),
    );
  }
  if (!('bytes' in fetched)) {
    return reject(
      single(
        'K-03',
        `文件大小 ${(fetched.tooLarge / 1024 / 1024).toFixed(1)} MB，超过上限 ${(deps.maxUploadBytes / 1024 / 1024).toFixed(0)} MB。`,
      ),
    );
  }

  await deps.store.putSubmission(submission('processing', null, null));
  await fault('after-submission');

  let validated: Awaited<ReturnType<Validate>>;
  const validationStart = performance.now();
  try {
    validated = await deps.validate(fetched.bytes, {
      unitName: unit.name,
      unitAliases: unit.aliases,
      year: parsed.year,
      kind: unit.kind ?? null,
    });
  } catch (error) {
    // No worker could be started: the platform's failure, not the file's. Retried like any infrastructure error.
    if (error instanceof SandboxUnavailable) throw error;
    // Parsing is total: whatever the bytes, the unit gets a report. A throw here is a reader bug, logged for us.
    log.error('validator threw on an upload', {
      ...ctx,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    });
    return reject(
      single(
        'F-01',
        '文件内容无法解析（格式异常）。请用 Excel 或 WPS 打开后另存为 .xlsx 再上传；如仍失败请联系管理员。',
      ),
    );
  }
  deps.measure?.('validation', performance.now() - validationStart);
  const { report, read, supplement } = validated;
  if (report.status === 'rejected' || read.status !== 'read') return reject(report);

  const version = uploadId;
  const stored: StoredVersion = {
    unit: {
      code: unit.code,
      name: unit.name,
      department: unit.department,
      ...(unit.departmentCode ? { departmentCode: unit.departmentCode } : {}),
    },
    year: parsed.year,
    version,
    disclosure: read.disclosure,
    supplement,
    findings: report.findings,
  };
  await deps.store.saveVersion(stored);
  await fault('after-version');
  publishedAt = now().toISOString();

  const made = await makeCurrent(deps, unit, parsed.year, {
    version,
    uploadId,
    key: event.key,
    eventTime: event.eventTime,
    sequencer: event.sequencer,
    publishedAt,
  });
  await fault('after-pointer');

  const url = publicUrl(deps.siteBaseUrl, sitePaths.disclosure(parsed.year, unit.code));
  const status: IngestStatus = made ? 'published' : 'superseded';
  // The unit-year's files are made to show its current version. Published: this run's own. Superseded: a retry (an
  // earlier attempt of this upload may have made itself current, written its files after a newer publication's and
  // crashed) repairs them; a first attempt that never became current never wrote anything, so it has nothing to repair.
  if (made || previous !== null) {
    const publicationStart = performance.now();
    await publishDisclosure(deps, unit.code, parsed.year, stored, { skipIfWritten: true });
    deps.measure?.('publication', performance.now() - publicationStart);
  }
  await fault('after-site');

  const outcome =
    status === 'published' ? '已发布' : '校验通过，但同一单位同一年度已有更新的上传，本次未替换现行公开内容';
  await deps.reports.putReport(
    reportPath,
    JSON.stringify({
      ...report,
      uploadId,
      source: { key: event.key, etag: event.etag, versionId: event.versionId },
      url: status === 'published' ? url : null,
      outcome: status,
    }),
    renderReportHtml(report, {
      unitCode,
      year,
      fileName,
      receivedAt,
      outcome,
      url: status === 'published' ? url : null,
    }),
  );
  await fault('after-report');
  await deps.store.putSubmission(submission(status, report, version));
  await settled(unit.code, parsed.year, stored);
  log.info(`upload ${status}`, {
    ...ctx,
    outcome: status,
    version,
    warnings: report.summary.warnings,
    notices: report.summary.notices,
  });
  return { status, uploadId, unitCode, year, reportPath, url: status === 'published' ? url : null, report };
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
