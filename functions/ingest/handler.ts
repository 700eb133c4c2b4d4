import { loadIngestConfig } from '../../shared/config.ts';
import { awsIngestDeps } from '../../shared/ingest/compose.ts';
import { type IngestDeps, type IngestOutcome, ingestUpload } from '../../shared/ingest/ingest-upload.ts';
import { decodeEventKey } from '../../shared/ingest/upload-key.ts';
import { jsonLogger } from '../../shared/log.ts';
import type { S3Event } from './s3-event.ts';

/**
 * S3 ObjectCreated → ingest use case. Thin: decode the event, run the use case per record, map failures.
 * Bad workbooks are outcomes (a report), never exceptions. An exception here is an infrastructure failure: it is
 * rethrown so Lambda retries the event (twice) and then sends it to the failure queue with the original event.
 */
const log = jsonLogger();
let deps: IngestDeps | undefined;

/** Built on first use and reused across warm invocations; misconfiguration fails by variable name. */
function dependencies(): IngestDeps {
  deps ??= awsIngestDeps(loadIngestConfig(), log);
  return deps;
}

export async function handleS3Event(event: S3Event, ingestDeps: IngestDeps): Promise<IngestOutcome[]> {
  const outcomes: IngestOutcome[] = [];
  const failures: unknown[] = [];
  for (const record of event.Records ?? []) {
    const key = decodeEventKey(record.s3.object.key);
    if (key === null) {
      log.warn('undecodable object key in event', { rawKey: record.s3.object.key.slice(0, 300), outcome: 'ignored' });
      continue;
    }
    try {
      outcomes.push(
        await ingestUpload(
          {
            key,
            eventTime: record.eventTime,
            sequencer: record.s3.object.sequencer ?? null,
            etag: record.s3.object.eTag ?? null,
            versionId: record.s3.object.versionId ?? null,
          },
          ingestDeps,
        ),
      );
    } catch (error) {
      log.error('ingest failed; event will be retried', {
        key,
        outcome: 'failed',
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      failures.push(error);
    }
  }
  if (failures.length > 0)
    throw new AggregateError(failures, `${failures.length} of ${event.Records.length} records failed`);
  return outcomes;
}

export async function handler(event: S3Event): Promise<void> {
  await handleS3Event(event, dependencies());
}
