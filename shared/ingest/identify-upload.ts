import { createHash } from 'node:crypto';
import type { Submission, UploadFetch } from '../ports.ts';
import type { IngestDeps, UploadEvent } from './ingest-upload.ts';
import type { ParsedKey } from './upload-key.ts';
import { reportPathFor } from './upload-report.ts';

/**
 * The first steps of an upload, once its object is read (`deps.uploads.fetch`): decide which upload it is — the id its
 * submission, report and version go under, and the submission an earlier delivery of it left, if any.
 */

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

/** An upload once identified: its event, the unit-year its key names, and the id its records go under. */
export interface IdentifiedUpload {
  event: UploadEvent;
  unitCode: string | null;
  year: number | null;
  uploadId: string;
  /** The event's etag, else the object's. */
  etag: string | null;
  /** The event's version id, else the object's. */
  versionId: string | null;
  /** The object the upload is about ({@link Submission.objectId}). */
  objectId: string;
  reportPath: string;
  /** The upload's own submission, if an earlier delivery recorded one. */
  previous: Submission | null;
}

/**
 * The upload id and the upload's own submission. A client-named id belongs to one object: a copy keeps the metadata
 * (an admin restoring an old version with `aws s3 cp`), so a submission of another object under that name must not
 * make this one a duplicate; and two objects carrying the name at the same moment must not merge either, so the name
 * is claimed before anything else is written under it. An object that does not get its name takes its hash id.
 */
export async function identifyUpload(
  event: UploadEvent,
  parsed: ParsedKey,
  fetched: Exclude<UploadFetch, { kind: 'gone' }>,
  deps: Pick<IngestDeps, 'store' | 'now'>,
): Promise<IdentifiedUpload> {
  const { unitCode, year } = parsed;
  const etag = event.etag ?? (fetched.kind === 'found' ? fetched.etag : null);
  const versionId = event.versionId ?? (fetched.kind === 'found' ? fetched.versionId : null);
  const objectId = `${event.key}\n${versionId ?? `${etag ?? ''}@${event.sequencer ?? ''}`}`;
  const object: UploadObject = { event, unitCode, year, etag, versionId, objectId };
  const uploadId = uploadIdFor({ ...event, etag }, fetched.metadata);
  if (unitCode === null || year === null) return underId(object, uploadId, null);
  const previous = await deps.store.getSubmission(unitCode, year, uploadId);
  if (fetched.metadata['upload-id'] !== uploadId) return underId(object, uploadId, previous);
  const ours = previous !== null ? isSameObject(previous, object) : await claimName(object, uploadId, deps);
  if (ours) return underId(object, uploadId, previous);
  const hashed = uploadIdFor({ ...event, etag }, {});
  return underId(object, hashed, await deps.store.getSubmission(unitCode, year, hashed));
}

/** The object an upload is about, before it has an id. */
type UploadObject = Pick<IdentifiedUpload, 'event' | 'unitCode' | 'year' | 'etag' | 'versionId' | 'objectId'>;

function underId(object: UploadObject, uploadId: string, previous: Submission | null): IdentifiedUpload {
  return { ...object, uploadId, reportPath: reportPathFor(object.unitCode, object.year, uploadId), previous };
}

/** Whether a submission is about this upload's object (older submissions have no objectId: key and version/etag). */
function isSameObject(submission: Submission, object: UploadObject): boolean {
  if (submission.objectId) return submission.objectId === object.objectId;
  return (
    submission.key === object.event.key &&
    (submission.versionId ?? submission.etag) === (object.versionId ?? object.etag)
  );
}

/** Claims a client-named id for this object (one conditional write); false when another object holds it. */
async function claimName(
  object: UploadObject,
  uploadId: string,
  deps: Pick<IngestDeps, 'store' | 'now'>,
): Promise<boolean> {
  const receivedAt = (deps.now?.() ?? new Date()).toISOString();
  const processing = { finishedAt: null, status: 'processing', summary: null, version: null } as const;
  const claim = submissionRecord({ ...underId(object, uploadId, null), receivedAt }, processing);
  return (await deps.store.claimSubmission(claim)) === null;
}

/** An identified upload and when a run received it (the time its report and its submission show). */
export interface ReceivedUpload extends IdentifiedUpload {
  receivedAt: string;
}

/** The submission of an upload: how far it got (`status`), when, and with which summary and version. */
export function submissionRecord(
  upload: ReceivedUpload,
  at: Pick<Submission, 'finishedAt' | 'status' | 'summary' | 'version'> & { publishedAt?: string },
): Submission {
  return {
    uploadId: upload.uploadId,
    unitCode: upload.unitCode ?? '',
    year: upload.year ?? 0,
    key: upload.event.key,
    etag: upload.etag,
    versionId: upload.versionId,
    sequencer: upload.event.sequencer,
    eventTime: upload.event.eventTime,
    receivedAt: upload.receivedAt,
    finishedAt: at.finishedAt,
    status: at.status,
    summary: at.summary,
    reportPath: upload.reportPath,
    version: at.version,
    objectId: upload.objectId,
    ...(at.publishedAt !== undefined ? { publishedAt: at.publishedAt } : {}),
  };
}
