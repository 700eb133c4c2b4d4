import { silentLogger } from '../log.ts';
import type { Submission } from '../ports.ts';
import { uploadIdFor } from './identify-upload.ts';
import type { IngestDeps, UploadEvent } from './ingest-upload.ts';
import { decodeEventKey, parseUploadKey, UPLOAD_PREFIX } from './upload-key.ts';
import { refusalReport, reportPathFor, writeReport } from './upload-report.ts';

/**
 * Every upload ends with an answer (issue 11). A workbook that is merely too complex is answered by the sandbox in
 * the same run (F-01); this is for a run that itself failed — an exception, a timeout, a crash — on its last
 * attempt: the upload's submission is recorded as `failed` with a report to the unit (rule K-04), so nothing stays
 * 处理中 and the unit's `gongkai upload` gets its answer. The event itself still goes to the dead-letter destination,
 * where an operator can replay it: a replay that succeeds overwrites the failed submission and report.
 *
 * Called by the embedded stack after its last local attempt; in AWS by the handler on its last attempt.
 */
export const FAILED_MESSAGE =
  '本次上传已收到，但系统多次尝试处理均未完成，未发布任何内容（不是文件本身的问题时，管理员可在失败队列中查看并重新处理本次上传）。请稍后重新上传同一文件；如仍失败请联系管理员。';

export type FailureRecord = { uploadId: string; reportPath: string } | null;

export async function recordFailedUpload(event: UploadEvent, deps: IngestDeps, cause: string): Promise<FailureRecord> {
  const log = deps.log ?? silentLogger;
  if (!event.key.startsWith(UPLOAD_PREFIX)) return null;
  const parsed = parseUploadKey(event.key);
  // A key the use case refuses (K-01) is answered without processing; nothing can be stuck there.
  if (!parsed.ok) return null;
  const { unitCode, year } = parsed;
  const now = (deps.now ?? (() => new Date()))().toISOString();

  // The submission this object left in 处理中, found by the object's identity (whatever id it was given).
  const sameObject = (s: Submission) =>
    s.key === event.key &&
    (event.versionId !== null
      ? s.versionId === event.versionId
      : event.etag === null || s.etag === null || s.etag === event.etag);
  const submissions = await deps.store.listSubmissions(unitCode, year);
  if (submissions.some((s) => sameObject(s) && s.status !== 'processing')) return null;
  let stuck = submissions.find((s) => sameObject(s) && s.status === 'processing') ?? null;
  if (stuck === null) {
    // The run failed before it recorded anything: the report goes where the uploader waits for it (the id it chose).
    let metadata: Record<string, string> = {};
    try {
      const fetched = await deps.uploads.fetch(event.key, event.versionId, deps.maxUploadBytes);
      if (fetched.kind === 'gone') return null;
      metadata = fetched.metadata;
    } catch {
      metadata = {};
    }
    const uploadId = uploadIdFor(event, metadata);
    stuck = {
      uploadId,
      unitCode,
      year,
      key: event.key,
      etag: event.etag,
      versionId: event.versionId,
      sequencer: event.sequencer,
      eventTime: event.eventTime,
      receivedAt: now,
      finishedAt: null,
      status: 'processing',
      summary: null,
      reportPath: reportPathFor(unitCode, year, uploadId),
      version: null,
    };
  }
  const report = refusalReport('K-04', FAILED_MESSAGE, year);
  const reportPath = stuck.reportPath ?? reportPathFor(unitCode, year, stuck.uploadId);
  const reported = { event, unitCode, year, uploadId: stuck.uploadId, reportPath, receivedAt: stuck.receivedAt };
  await writeReport(deps.reports, reported, report, 'failed', null);
  await deps.store.putSubmission({ ...stuck, status: 'failed', finishedAt: now, summary: report.summary, reportPath });
  log.error('upload recorded as failed after the last attempt', {
    key: event.key,
    unitCode,
    year,
    uploadId: stuck.uploadId,
    outcome: 'failed',
    error: cause.slice(0, 500),
  });
  return { uploadId: stuck.uploadId, reportPath };
}

/** The fields of an S3 event notification this needs (functions/ingest/s3-event.ts has the whole shape). */
interface S3EventLike {
  Records?: readonly {
    eventTime: string;
    s3: { object: { key: string; eTag?: string; versionId?: string; sequencer?: string } };
  }[];
}

/**
 * {@link recordFailedUpload} for every record of an event that has used up its attempts (the dead-letter path).
 * Never throws: the event is on its way to the dead-letter destination either way, and a failure to record it is
 * logged for the operator who will replay it.
 */
export async function recordFailedEvent(event: S3EventLike, deps: IngestDeps, cause: string): Promise<void> {
  const log = deps.log ?? silentLogger;
  for (const record of event.Records ?? []) {
    const key = decodeEventKey(record.s3.object.key);
    if (key === null) continue;
    try {
      await recordFailedUpload(
        {
          key,
          eventTime: record.eventTime,
          sequencer: record.s3.object.sequencer ?? null,
          etag: record.s3.object.eTag ?? null,
          versionId: record.s3.object.versionId ?? null,
        },
        deps,
        cause,
      );
    } catch (error) {
      log.error('could not record a failed upload (it stays in the dead-letter destination)', {
        key,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
    }
  }
}
