import { withAdminDeps } from '../../shared/admin/compose-admin.ts';
import { loadIngestConfig } from '../../shared/config.ts';
import { awsIngestDeps } from '../../shared/ingest/compose.ts';
import { type IngestDeps, type IngestOutcome, ingestUpload } from '../../shared/ingest/ingest-upload.ts';
import { decodeEventKey } from '../../shared/ingest/upload-key.ts';
import { type Logger, silentLogger } from '../../shared/log.ts';
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
 * S3 ObjectCreated → ingest use case. Thin: decode the event, run the use case per record, map failures.
 * Bad workbooks are outcomes (a report), never exceptions. An exception here is an infrastructure failure: it is
 * rethrown so Lambda retries the event (twice) and then sends it to the failure queue with the original event.
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
): (event: S3Event, context: LambdaContext) => Promise<void> {
  const observer = ingestObserver(observability.metrics);
  const log = loggerPort(observability.logger);
  let deps: IngestDeps | undefined;
  return (event, context) =>
    withInvocation(observability, context, async () => {
      const ready = deps ?? { ...makeDeps(log), log, measure: observer.measure };
      deps = ready;
      await handleS3Event(event, ready, observer.outcome);
    });
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
