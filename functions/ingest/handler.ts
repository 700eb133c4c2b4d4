import { withAdminDeps } from '../../shared/admin/compose-admin.ts';
import { INGEST_MAX_RECEIVES, loadIngestConfig } from '../../shared/config.ts';
import { type IngestDeps, type IngestOutcome, ingestUpload } from '../../shared/ingest/ingest-upload.ts';
import { recordFailedEvent } from '../../shared/ingest/record-failure.ts';
import { decodeEventKey } from '../../shared/ingest/upload-key.ts';
import { type Logger, silentLogger } from '../../shared/log.ts';
import { awsIngestDeps } from '../compose-aws.ts';
import { isSqsEvent, type SqsBatchResponse, type SqsEvent, type SqsRecord } from '../sqs-event.ts';
import {
  createObservability,
  ingestObserver,
  type LambdaContext,
  loggerPort,
  type Observability,
  withInvocation,
} from './observability.ts';
import type { S3Event } from './s3-event.ts';

/**
 * S3 ObjectCreated → SQS → ingest use case. Thin: decode the event, run the use case per record, map failures.
 * Bad workbooks are outcomes (a report), never exceptions. An exception here is an infrastructure failure: the
 * message is reported as a batch item failure, SQS delivers it again after the visibility timeout, and after
 * `maxReceiveCount` receives redrives it to the dead-letter queue with the original S3 event as its body.
 * Invoked directly with an S3 event (a manual replay), a failure is thrown instead.
 * In Lambda, logs and metrics go through Powertools (observability.ts); the embedded stack calls handleS3Event with
 * its own readable logger and no metrics.
 */

/**
 * The Lambda entry point over the dependencies `makeDeps` builds (on first use, reused across warm invocations;
 * misconfiguration fails by variable name). Exported so a test runs the real wiring over in-memory adapters.
 */
export function createHandler(
  makeDeps: (log: Logger) => IngestDeps,
  observability: Observability = createObservability(),
): (event: S3Event | SqsEvent, context: LambdaContext) => Promise<SqsBatchResponse | undefined> {
  const observer = ingestObserver(observability.metrics);
  const log = loggerPort(observability.logger);
  let deps: IngestDeps | undefined;
  return (event, context) =>
    withInvocation(observability, context, async () => {
      const ready = deps ?? { ...makeDeps(log), log, measure: observer.measure };
      deps = ready;
      if (isSqsEvent(event)) return (await handleIngestMessages(event.Records, ready, observer.outcome)).response;
      await handleS3Event(event, ready, observer.outcome);
      return undefined;
    });
}

/**
 * A batch of SQS messages, each the body S3 sent (an event notification; `s3:TestEvent` when the notification is
 * configured, which has no records). Records run one after another (each upload's validation has the memory of
 * the function to itself); a failed one is reported alone (partial batch response) and the others are done.
 */
export async function handleIngestMessages(
  records: readonly (Pick<SqsRecord, 'messageId' | 'body'> & { attributes?: SqsRecord['attributes'] })[],
  deps: IngestDeps,
  observe: (outcome: IngestOutcome | 'failed') => void = () => {},
  /** Receives before the dead-letter queue; on the last one a failed upload is recorded as failed (K-04). */
  maxReceives: number = INGEST_MAX_RECEIVES,
): Promise<{ response: SqsBatchResponse; outcomes: IngestOutcome[] }> {
  const log = deps.log ?? silentLogger;
  const outcomes: IngestOutcome[] = [];
  const batchItemFailures: SqsBatchResponse['batchItemFailures'] = [];
  for (const record of records) {
    let event: S3Event;
    try {
      event = JSON.parse(record.body) as S3Event;
    } catch {
      log.warn('message is not an S3 event; dropped', { messageId: record.messageId, outcome: 'ignored' });
      continue;
    }
    if (!Array.isArray(event.Records)) continue; // s3:TestEvent
    try {
      outcomes.push(...(await handleS3Event(event, deps, observe)));
    } catch (error) {
      // handleS3Event logged and counted it. On its last receive, the unit is told (the message still goes to the
      // dead-letter queue, where a redrive processes it again).
      if (Number(record.attributes?.ApproximateReceiveCount ?? 0) >= maxReceives) {
        await recordFailedEvent(event, deps, error instanceof Error ? error.message : String(error));
      }
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { response: { batchItemFailures }, outcomes };
}

export const handler = createHandler((log) => {
  const config = loadIngestConfig();
  // The publication record and the private admin report (issue 13).
  return withAdminDeps(awsIngestDeps(config, log), config);
});

export async function handleS3Event(
  event: S3Event,
  ingestDeps: IngestDeps,
  observe: (outcome: IngestOutcome | 'failed') => void = () => {},
): Promise<IngestOutcome[]> {
  const log = ingestDeps.log ?? silentLogger;
  const outcomes: IngestOutcome[] = [];
  const failures: unknown[] = [];
  for (const record of event.Records ?? []) {
    const key = decodeEventKey(record.s3.object.key);
    if (key === null) {
      log.warn('undecodable object key in event', { rawKey: record.s3.object.key.slice(0, 300), outcome: 'ignored' });
      continue;
    }
    try {
      const outcome = await ingestUpload(
        {
          key,
          eventTime: record.eventTime,
          sequencer: record.s3.object.sequencer ?? null,
          etag: record.s3.object.eTag ?? null,
          versionId: record.s3.object.versionId ?? null,
        },
        ingestDeps,
      );
      outcomes.push(outcome);
      observe(outcome);
    } catch (error) {
      log.error('ingest failed; event will be retried', {
        key,
        outcome: 'failed',
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      failures.push(error);
      observe('failed');
    }
  }
  if (failures.length > 0)
    throw new AggregateError(failures, `${failures.length} of ${event.Records.length} records failed`);
  return outcomes;
}
