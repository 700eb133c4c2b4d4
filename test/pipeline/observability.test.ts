import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandler } from '../../functions/ingest/handler.ts';
import { FINDING_SEVERITIES, METRIC, METRICS_NAMESPACE, SERVICE_NAME } from '../../functions/ingest/metric-names.ts';
import { createObservability, type LambdaContext } from '../../functions/ingest/observability.ts';
import type { S3Event } from '../../functions/ingest/s3-event.ts';
import type { IngestDeps } from '../../shared/ingest/ingest-upload.ts';
import { encodeEventKey } from '../../shared/ingest/upload-key.ts';
import { textLogger } from '../../shared/log.ts';
import { MemoryRegistry, MemoryReports, MemorySite, MemoryStore, MemoryUploads } from '../../shared/storage/memory.ts';
import { validateWorkbook } from '../../shared/validate-workbook.ts';
import { fakeRenderer } from './fake-renderer.ts';
import { SEED_UNIT, seedBytes, seedWith } from './workbooks.ts';

/**
 * The Lambda's logs and metrics, read from what it writes to stdout (what CloudWatch Logs receives): Powertools JSON
 * log lines with the request id and cold start, and embedded-metric-format lines CloudWatch turns into the metrics the
 * alarms and the dashboard use (infra/constructs/ingest-monitoring.ts).
 */

type Line = Record<string, unknown>;
interface Emf {
  _aws: {
    Timestamp: number;
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
  [key: string]: unknown;
}

let output: string[];
let uploads: MemoryUploads;
let registry: MemoryRegistry;

beforeEach(async () => {
  output = [];
  // Lambda sends both streams to CloudWatch Logs; Powertools writes errors and warnings to stderr.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(String(chunk));
      return true;
    });
  }
  uploads = new MemoryUploads();
  registry = new MemoryRegistry();
  await registry.put(SEED_UNIT);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  // Set by Lambda; Powertools reports a cold start only for on-demand environments.
  vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const lines = (): Line[] =>
  output
    .join('')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line);
const logs = () => lines().filter((l) => !('_aws' in l));
const emf = () => lines().filter((l): l is Emf => '_aws' in l);
/** The EMF line that carries metric `name` with dimension `dimension`=`value`. */
const metricLine = (name: string, dimension?: [string, string]) =>
  emf().filter(
    (l) =>
      l._aws.CloudWatchMetrics[0]?.Metrics.some((m) => m.Name === name) &&
      (dimension === undefined || l[dimension[0]] === dimension[1]),
  );

function memoryDeps(store: MemoryStore = new MemoryStore()): IngestDeps {
  return {
    uploads,
    reports: new MemoryReports(),
    site: new MemorySite(),
    registry,
    store,
    renderer: fakeRenderer,
    validate: validateWorkbook,
    siteBaseUrl: 'https://example.test',
    maxUploadBytes: 1024 * 1024,
  };
}

let sequence = 0;
function eventFor(key: string, bytes: Uint8Array): S3Event {
  uploads.put(key, bytes);
  sequence += 1;
  return {
    Records: [
      {
        eventName: 'ObjectCreated:Put',
        eventTime: new Date(Date.parse('2024-10-12T08:00:00Z') + sequence * 1000).toISOString(),
        s3: {
          bucket: { name: 'uploads' },
          object: {
            key: encodeEventKey(key),
            eTag: uploads.objects.get(key)?.etag ?? undefined,
            sequencer: sequence.toString(16),
          },
        },
      },
    ],
  };
}

const context = (awsRequestId: string): LambdaContext => ({
  awsRequestId,
  functionName: 'Gongkai-prod-Pipeline-IngestFunction',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-east-1:123456789012:function:Gongkai-prod-Pipeline-IngestFunction',
  memoryLimitInMB: '1024',
});

describe('the ingest Lambda logs with Powertools and emits EMF metrics', () => {
  it('a published upload: JSON log lines with the request id and cold start; accepted, durations and findings as EMF', async () => {
    const handler = createHandler(() => memoryDeps());
    await handler(eventFor('uploads/101017/2023/seed.xlsx', seedBytes()), context('req-published-1'));

    const published = logs().find((l) => l.message === 'upload published');
    expect(published).toMatchObject({
      level: 'INFO',
      service: SERVICE_NAME,
      function_request_id: 'req-published-1',
      function_name: 'Gongkai-prod-Pipeline-IngestFunction',
      cold_start: true,
      unitCode: '101017',
      year: 2023,
      outcome: 'published',
    });
    expect(typeof published?.timestamp).toBe('string');

    // Uploads{outcome=accepted} = 1, as an EMF document CloudWatch accepts.
    const [accepted, ...more] = metricLine(METRIC.uploads, ['outcome', 'accepted']);
    expect(more).toEqual([]);
    expect(accepted).toMatchObject({
      _aws: {
        Timestamp: expect.any(Number),
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [['service', 'outcome']],
            Metrics: [{ Name: 'Uploads', Unit: 'Count' }],
          },
        ],
      },
      service: SERVICE_NAME,
      outcome: 'accepted',
      Uploads: 1,
    });
    // Durations of both phases, in milliseconds, under the service dimension.
    const [durations] = metricLine(METRIC.validationDuration);
    expect(durations?._aws.CloudWatchMetrics[0]?.Metrics).toEqual(
      expect.arrayContaining([
        { Name: METRIC.validationDuration, Unit: 'Milliseconds' },
        { Name: METRIC.publicationDuration, Unit: 'Milliseconds' },
      ]),
    );
    expect(durations?.[METRIC.validationDuration]).toBeGreaterThan(0);
    expect(durations?.[METRIC.publicationDuration]).toEqual(expect.any(Number));
    // The bare seed: 7 rounding notices and the missing supplementary parts as warnings, no error.
    expect(metricLine(METRIC.findings, ['severity', 'notice'])[0]?.[METRIC.findings]).toBe(7);
    expect(metricLine(METRIC.findings, ['severity', 'warning'])[0]?.[METRIC.findings]).toBeGreaterThan(0);
    expect(metricLine(METRIC.findings, ['severity', 'error'])).toEqual([]);
    expect(FINDING_SEVERITIES).toEqual(['error', 'warning', 'notice']);
    // The cold start is a metric too (Powertools' ColdStart, by function name).
    expect(metricLine('ColdStart')[0]).toMatchObject({ function_name: 'Gongkai-prod-Pipeline-IngestFunction' });

    // A second (warm) invocation: new request id, no cold start; a redelivered event counts as duplicate.
    output = [];
    const again = eventFor('uploads/101017/2023/seed.xlsx', seedBytes());
    await handler(again, context('req-warm-2'));
    await handler(again, context('req-warm-3'));
    expect(logs().find((l) => l.message === 'duplicate event')).toMatchObject({
      function_request_id: 'req-warm-3',
      cold_start: false,
    });
    expect(metricLine(METRIC.uploads, ['outcome', 'duplicate'])).toHaveLength(1);
    expect(metricLine('ColdStart')).toEqual([]);
  });

  it('a rejected upload counts as rejected with its errors', async () => {
    const handler = createHandler(() => memoryDeps());
    const bad = await seedWith({ 收入支出决算总表: { C7: 636.55 } });
    await handler(eventFor('uploads/101017/2023/bad.xlsx', bad), context('req-rejected'));
    expect(logs().find((l) => l.message === 'upload rejected')).toMatchObject({
      function_request_id: 'req-rejected',
      outcome: 'rejected',
    });
    expect(metricLine(METRIC.uploads, ['outcome', 'rejected'])[0]?.Uploads).toBe(1);
    expect(metricLine(METRIC.findings, ['severity', 'error'])[0]?.[METRIC.findings]).toBeGreaterThan(0);
    // Validation ran, publication did not.
    const [durations] = metricLine(METRIC.validationDuration);
    expect(durations?.[METRIC.publicationDuration]).toBeUndefined();
  });

  it('an infrastructure failure is logged as an error with the request id, counted as failed, and rethrown', async () => {
    class BrokenStore extends MemoryStore {
      override async putSubmission(): Promise<void> {
        throw new Error('ProvisionedThroughputExceededException');
      }
    }
    const handler = createHandler(() => memoryDeps(new BrokenStore()));
    await expect(
      handler(eventFor('uploads/101017/2023/seed.xlsx', seedBytes()), context('req-failed')),
    ).rejects.toThrow(/1 of 1 records failed/);
    expect(logs().find((l) => l.level === 'ERROR')).toMatchObject({
      message: 'ingest failed; event will be retried',
      function_request_id: 'req-failed',
      outcome: 'failed',
      error: 'Error: ProvisionedThroughputExceededException',
    });
    expect(metricLine(METRIC.uploads, ['outcome', 'failed'])[0]?.Uploads).toBe(1);
  });

  it('takes the log level from POWERTOOLS_LOG_LEVEL', async () => {
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'ERROR');
    const handler = createHandler(() => memoryDeps(), createObservability());
    await handler(eventFor('uploads/101017/2023/seed.xlsx', seedBytes()), context('req-quiet'));
    expect(logs()).toEqual([]); // the INFO lines are dropped
    expect(metricLine(METRIC.uploads, ['outcome', 'accepted'])).toHaveLength(1); // metrics are not logs
  });
});

describe('the local stack and the CLI log readable text', () => {
  it('one line per event: time, level, message, key=value fields', () => {
    const written: string[] = [];
    const log = textLogger(
      (l) => written.push(l),
      () => new Date(2024, 9, 12, 10, 5, 0),
    );
    log.info('upload published', {
      unitCode: '101017',
      year: 2023,
      key: 'uploads/101017/2023/决算 公开.xlsx',
      none: null,
    });
    log.error('ingest failed; event will be retried', { error: 'Error: boom' });
    expect(written).toEqual([
      '10:05:00 INFO  upload published unitCode=101017 year=2023 key="uploads/101017/2023/决算 公开.xlsx"',
      '10:05:00 ERROR ingest failed; event will be retried error="Error: boom"',
    ]);
  });
});
