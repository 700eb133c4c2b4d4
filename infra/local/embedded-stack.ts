import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { awsIngestDeps, awsRebuildDeps } from '../../functions/compose-aws.ts';
import { handleIndexMessages } from '../../functions/index-rebuild/handler.ts';
import { handleIngestMessages } from '../../functions/ingest/handler.ts';
import type { S3Event } from '../../functions/ingest/s3-event.ts';
import { withAdminDeps } from '../../shared/admin/compose-admin.ts';
import { DEFAULT_MAX_UPLOAD_BYTES, type IngestConfig } from '../../shared/config.ts';
import type { IngestDeps, IngestOutcome } from '../../shared/ingest/ingest-upload.ts';
import type { RebuildDeps, RebuildOutcome } from '../../shared/ingest/rebuild-indexes.ts';
import { recordFailedEvent } from '../../shared/ingest/record-failure.ts';
import { encodeEventKey, UPLOAD_PREFIX } from '../../shared/ingest/upload-key.ts';
import { type Logger, silentLogger } from '../../shared/log.ts';
import type { IndexQueue } from '../../shared/ports.ts';
import { siteRenderer } from '../../shared/site/index.ts';
import { securityHeaders } from '../../shared/site/security-headers.ts';
import { S3SiteWriter } from '../../shared/storage/s3-store.ts';
import { indexGroupId, indexMessageBody } from '../../shared/storage/sqs-index-queue.ts';
import { TABLE_KEYS } from '../../shared/storage/table-schema.ts';
import { LocalQueue } from './local-queue.ts';
import { enforcePostPolicy } from './s3-post-policy.ts';

/**
 * The embedded local stack: the whole system in one Node process with no AWS account. s3rver and dynalite serve
 * the S3 and DynamoDB APIs on 127.0.0.1 (persisting under a data folder), S3 ObjectCreated events are filtered and
 * encoded as real S3 does and handed to the same handler code as in Lambda, and a small HTTP server plays
 * CloudFront in front of the site bucket (index documents, 404 page, the same security headers).
 *
 * The handler code reads AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_DYNAMODB like any SDK client: no `if (local)`.
 */
export interface EmbeddedStackOptions {
  dataDir: string;
  /** 0 picks free ports (tests). */
  s3Port?: number;
  dynamoPort?: number;
  sitePort?: number;
  log?: Logger;
  /** Override pieces of the ingest dependencies (tests inject faults here). */
  customizeDeps?: (deps: IngestDeps) => IngestDeps;
  /** Receives of a message before it goes to the dead-letter folder (the queue's maxReceiveCount; default 3). */
  attempts?: number;
  /** Ingest batches in flight at once (the event source mapping's maximum concurrency; default 4). */
  concurrency?: number;
  /** Messages per ingest batch (default 1). */
  batchSize?: number;
  /** Visibility timeout after a failed receive, ms, times the receive count (default 50; AWS: minutes). */
  visibilityTimeoutMs?: number;
  /** Index rebuild batches in flight at once (different department-years; default 4). */
  indexConcurrency?: number;
  /**
   * Least time between two rebuilds of a year's pages, ms. Default 1,000 locally (AWS: 60,000, the CDK setting):
   * the same throttling, short enough that a local stack and its tests show a new unit on the year page at once.
   */
  yearPageIntervalMs?: number;
}

export interface EmbeddedStack {
  uploadBucket: string;
  siteBucket: string;
  tableName: string;
  region: string;
  s3Endpoint: string;
  dynamoEndpoint: string;
  siteUrl: string;
  /** Resolves when every event received so far has been processed (or dead-lettered). */
  idle(): Promise<void>;
  /** Outcomes of processed events, in completion order (tests read them). */
  outcomes: IngestOutcome[];
  deadLetters: { event: S3Event; error: string }[];
  /** Outcomes of index rebuild messages, and index changes that ended in the dead-letter folder. */
  indexOutcomes: RebuildOutcome[];
  indexDeadLetters: { change: string; error: string }[];
  /** The index rebuild function's dependencies (tests and tools rebuild through them). */
  rebuildDeps: RebuildDeps;
  /** The two queues (depth, oldest message age, counts of sent / received / dead-lettered messages). */
  queues: { ingest: LocalQueue; index: LocalQueue };
  /**
   * Routes the local CloudFront stand-in tries before the site bucket (CloudFront's other behaviors: the upload
   * page and its API, infra/local/upload-local.ts). A route answers and returns true, or returns false.
   */
  siteRoutes: SiteRoute[];
  /** The ingest dependencies the events are handled with (tests replay events through them). */
  deps: IngestDeps;
  /** Every event delivered to the handler, as real S3 would have sent it (tests redeliver them). */
  events: S3Event[];
  close(): Promise<void>;
}

export type SiteRoute = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** The embedded stack's least time between two rebuilds of a year's pages (AWS: a minute). */
export const LOCAL_YEAR_PAGE_INTERVAL_MS = 1_000;

export const LOCAL_NAMES = {
  uploadBucket: 'gongkai-uploads',
  siteBucket: 'gongkai-site',
  tableName: 'gongkai',
  region: 'us-east-1',
};

/** s3rver accepts only these credentials; dynalite accepts any. */
const LOCAL_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

export async function startEmbeddedStack(options: EmbeddedStackOptions): Promise<EmbeddedStack> {
  const log = options.log ?? silentLogger;
  const { uploadBucket, siteBucket, tableName, region } = LOCAL_NAMES;
  await mkdir(join(options.dataDir, 's3'), { recursive: true });
  await mkdir(join(options.dataDir, 'dynamodb'), { recursive: true });

  const dynamo = dynalite({ createTableMs: 0, path: join(options.dataDir, 'dynamodb') });
  const dynamoPort = await listen(dynamo, options.dynamoPort ?? 0);
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: options.s3Port ?? 0,
    silent: true,
    directory: join(options.dataDir, 's3'),
    configureBuckets: [{ name: uploadBucket }, { name: siteBucket }],
  });
  makeObjectWritesAtomic((s3rver as unknown as { store: ObjectStore }).store);
  // Browser uploads: S3 checks a presigned POST's policy and answers CORS for the site; s3rver does neither.
  const corsOrigins: string[] = [];
  enforcePostPolicy(s3rver, { corsOrigins: () => corsOrigins });
  const { port: s3Port } = await s3rver.run();
  const s3Endpoint = `http://127.0.0.1:${s3Port}`;
  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;

  // The SDK reads these, exactly as it would read the real endpoints' absence in Lambda.
  Object.assign(process.env, LOCAL_CREDENTIALS, {
    AWS_REGION: region,
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
  });
  await ensureTable(new DynamoDBClient({}), tableName);

  const s3 = new S3Client({
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const siteRoutes: SiteRoute[] = [];
  const siteServer = createServer((req, res) => {
    (async () => {
      for (const route of siteRoutes) if (await route(req, res)) return;
      await serveSite(s3, siteBucket, req.url ?? '/', req.method ?? 'GET', res);
    })().catch(() => {
      res.statusCode = 502;
      res.end('Bad gateway');
    });
  });
  const sitePort = await listen(siteServer, options.sitePort ?? 0);
  const siteUrl = `http://127.0.0.1:${sitePort}`;
  corsOrigins.push(siteUrl);

  const config: IngestConfig = {
    uploadBucket,
    siteBucket,
    tableName,
    siteBaseUrl: siteUrl,
    indexQueueUrl: 'local:index-changes.fifo',
    maxUploadBytes: Number(process.env.MAX_UPLOAD_BYTES) || DEFAULT_MAX_UPLOAD_BYTES,
  };
  // The same wiring as the Lambda handler: the publication record and the private admin report (issue 13).
  const baseDeps = withAdminDeps(awsIngestDeps(config, log), config);
  const deps0 = options.customizeDeps ? options.customizeDeps(baseDeps) : baseDeps;
  // Static files (CSS, 404 page) are part of a deployment; locally they are written at start.
  await new S3SiteWriter(siteBucket, s3).write(siteRenderer.staticFiles());

  // S3 → SQS → ingest function, and the index queue → index rebuild function: in-process queues with SQS semantics
  // (at-least-once, visibility timeout, partial batch responses, redrive to a dead-letter folder after
  // `attempts` receives; the index queue FIFO per department-year), so nothing is lost and nothing runs twice at once
  // where AWS would not let it.
  const outcomes: IngestOutcome[] = [];
  const deadLetters: { event: S3Event; error: string }[] = [];
  const indexOutcomes: RebuildOutcome[] = [];
  const indexDeadLetters: { change: string; error: string }[] = [];
  const events: S3Event[] = [];
  let sequence = 0;
  const attempts = options.attempts ?? 3;
  const retryMs = options.visibilityTimeoutMs ?? 50;
  const deadLetterFile = async (letter: object) => {
    const dir = join(options.dataDir, 'dead-letter');
    await mkdir(dir, { recursive: true });
    // One file per letter: messages failing in the same millisecond must not overwrite each other's letter.
    await writeFile(join(dir, `${Date.now()}-${randomUUID()}.json`), JSON.stringify(letter, null, 2));
    return dir;
  };
  const indexQueue = new LocalQueue({
    name: 'index-changes.fifo',
    fifo: true,
    batchSize: 10,
    maxConcurrency: options.indexConcurrency ?? 4,
    visibilityTimeoutMs: (n) => retryMs * n,
    maxReceiveCount: Math.max(5, attempts),
    handler: async (messages) => {
      const r = await handleIndexMessages(messages, rebuildDeps);
      indexOutcomes.push(...r.outcomes);
      return { failures: r.response.batchItemFailures.map((f) => f.itemIdentifier), delays: r.delays };
    },
    deadLetter: async (message, error) => {
      indexDeadLetters.push({ change: message.body, error });
      const dir = await deadLetterFile({ indexChange: JSON.parse(message.body), error });
      log.error('index change sent to dead-letter folder after retries', { dir, error });
    },
  });
  const localIndexQueue: IndexQueue = {
    send: async (changes) => {
      for (const c of changes) indexQueue.send(indexMessageBody(c), indexGroupId(c));
    },
  };
  const deps: IngestDeps = { ...deps0, indexQueue: localIndexQueue };
  const rebuildDeps: RebuildDeps = {
    ...awsRebuildDeps({ siteBucket, tableName, indexQueueUrl: 'local:index-changes.fifo', yearPageIntervalMs: 0 }, log),
    indexQueue: localIndexQueue,
    yearPageIntervalMs: options.yearPageIntervalMs ?? LOCAL_YEAR_PAGE_INTERVAL_MS,
  };
  const ingestQueue = new LocalQueue({
    name: 'uploads',
    batchSize: options.batchSize ?? 1,
    maxConcurrency: options.concurrency ?? 4,
    visibilityTimeoutMs: (n) => retryMs * n,
    maxReceiveCount: attempts,
    handler: async (messages) => {
      const r = await handleIngestMessages(messages, deps);
      outcomes.push(...r.outcomes);
      return { failures: r.response.batchItemFailures.map((f) => f.itemIdentifier) };
    },
    deadLetter: async (message, error) => {
      const event = JSON.parse(message.body) as S3Event;
      deadLetters.push({ event, error });
      // Every upload ends with an answer: the unit gets a K-04 report, nothing stays 处理中 (the letter stays too).
      await recordFailedEvent(event, deps, error);
      const dir = await deadLetterFile({ event, error, receiveCount: message.receiveCount });
      log.error('event sent to dead-letter folder after retries', { dir, error });
    },
  });
  s3rver.on('event', (event: S3Event) => {
    const record = event.Records[0];
    // The notification configuration of the real stack: upload bucket, ObjectCreated, uploads/ prefix, .xlsx suffix.
    if (!record || record.s3.bucket.name !== uploadBucket || !record.eventName.startsWith('ObjectCreated:')) return;
    const key = record.s3.object.key;
    if (!key.startsWith(UPLOAD_PREFIX) || !key.endsWith('.xlsx')) return;
    // Real S3 URL-encodes keys in events and gives sequencers unique per key; s3rver does neither.
    sequence++;
    const real: S3Event = {
      Records: [
        {
          ...record,
          s3: {
            ...record.s3,
            object: {
              ...record.s3.object,
              key: encodeEventKey(key),
              sequencer: `${Date.now().toString(16).toUpperCase().padStart(12, '0')}${sequence.toString(16).toUpperCase().padStart(8, '0')}`,
            },
          },
        },
      ],
    };
    events.push(real);
    ingestQueue.send(JSON.stringify(real));
  });

  const stack: EmbeddedStack = {
    uploadBucket,
    siteBucket,
    tableName,
    region,
    s3Endpoint,
    dynamoEndpoint,
    siteUrl,
    outcomes,
    deadLetters,
    indexOutcomes,
    indexDeadLetters,
    rebuildDeps,
    queues: { ingest: ingestQueue, index: indexQueue },
    siteRoutes,
    deps,
    events,
    idle: async () => {
      // Events are emitted just after the PUT response: give them a tick to arrive before judging idleness. An
      // ingest sends index changes, a department rebuild a year change: wait until both queues are empty at once.
      await new Promise((r) => setTimeout(r, 30));
      while (ingestQueue.depth > 0 || indexQueue.depth > 0) {
        await ingestQueue.idle();
        await indexQueue.idle();
      }
    },
    close: async () => {
      await stack.idle();
      ingestQueue.close();
      indexQueue.close();
      // The CLI finds a running stack through this file; a stopped stack must not be found.
      await rm(join(options.dataDir, 'stack.json'), { force: true });
      await new Promise<void>((r) => siteServer.close(() => r()));
      await s3rver.close();
      await new Promise<void>((r) => dynamo.close(() => r()));
    },
  };
  await writeFile(
    join(options.dataDir, 'stack.json'),
    JSON.stringify(
      { uploadBucket, siteBucket, tableName, region, s3Endpoint, dynamoEndpoint, siteUrl, pid: process.pid },
      null,
      2,
    ),
  );
  return stack;
}

/** The part of s3rver's filesystem store that reads and writes objects. */
interface ObjectStore {
  putObject(object: { bucket: string; key: string }): Promise<unknown>;
  getObject(
    bucket: string,
    key: string,
    options?: unknown,
  ): Promise<{ content: (AsyncIterable<Buffer> & { destroy(): void }) | null } | null>;
}

/**
 * s3rver overwrites an object's file in place and its metadata after it, so a GET racing a PUT of the same key can
 * read a truncated or mixed object (locally: a 502 or a cut-off page), where a real S3 PUT is atomic. Each key's
 * PUTs and GETs therefore take turns, and a GET reads its content completely before the next PUT may start.
 */
function makeObjectWritesAtomic(store: ObjectStore): void {
  const tails = new Map<string, Promise<unknown>>();
  const inTurn = <T>(id: string, work: () => Promise<T>): Promise<T> => {
    const run = (tails.get(id) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(id, tail);
    void tail.then(() => {
      if (tails.get(id) === tail) tails.delete(id);
    });
    return run;
  };
  const put = store.putObject.bind(store);
  const get = store.getObject.bind(store);
  store.putObject = (object) => inTurn(`${object.bucket}/${object.key}`, () => put(object));
  store.getObject = (bucket, key, options) =>
    inTurn(`${bucket}/${key}`, async () => {
      const object = await get(bucket, key, options);
      if (object?.content) {
        const chunks: Buffer[] = [];
        for await (const chunk of object.content) chunks.push(chunk);
        object.content = new PassThrough().end(Buffer.concat(chunks));
      }
      return object;
    });
}

async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException) && (error as Error).name !== 'ResourceNotFoundException')
      throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: TABLE_KEYS.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE_KEYS.sortKey, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
    }),
  );
  for (let i = 0; i < 50; i++) {
    const d = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (d.Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** CloudFront in front of the site bucket: `/x/` → `x/index.html`, missing → `404.html` with status 404. */
async function serveSite(
  s3: S3Client,
  bucket: string,
  url: string,
  method: string,
  res: import('node:http').ServerResponse,
) {
  for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
  if (method !== 'GET' && method !== 'HEAD') {
    res.statusCode = 405;
    res.end();
    return;
  }
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://local').pathname).replace(/^\/+/, '');
  } catch {
    path = '';
  }
  if (path === '' || path.endsWith('/')) path += 'index.html';
  else if (!/\.[a-z0-9]+$/i.test(path.split('/').pop() ?? '')) path += '/index.html';
  const get = async (key: string) => {
    if (key.split('/').some((p) => p === '..')) return null;
    try {
      return await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    } catch {
      return null;
    }
  };
  let object = await get(path);
  res.statusCode = 200;
  if (!object) {
    object = await get('404.html');
    res.statusCode = 404;
  }
  if (!object?.Body) {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('404 Not Found');
    return;
  }
  res.setHeader('Content-Type', object.ContentType ?? 'application/octet-stream');
  if (object.CacheControl) res.setHeader('Cache-Control', object.CacheControl);
  const bytes = await object.Body.transformToByteArray();
  res.end(method === 'HEAD' ? undefined : Buffer.from(bytes));
}
