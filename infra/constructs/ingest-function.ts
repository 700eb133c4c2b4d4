import { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { POWERTOOLS_ENVIRONMENT } from '../../functions/ingest/metric-names.ts';
import { INGEST_MAX_RECEIVES } from '../../shared/config.ts';
import { BASE_BUNDLING, createNodeFunction, repoFile } from './node-function.ts';

export const INGEST_ENTRY = repoFile('functions/ingest/handler.ts');

/** esbuild options of the ingest bundle (exported so a test bundles the handler the same way without CDK). */
export const INGEST_BUNDLING = {
  ...BASE_BUNDLING,
  // The Node.js runtime ships AWS SDK v3; not bundling it keeps the package small and cold starts short.
  externalModules: ['@aws-sdk/*'],
  define: { 'import.meta.url': 'importMetaUrl' },
  inject: [repoFile('infra/bundling/import-meta-url-shim.ts')],
  logLevel: nodejs.LogLevel.WARNING,
} satisfies nodejs.BundlingOptions;

export interface IngestFunctionProps {
  /** CloudWatch Logs retention in days (a `logs.RetentionDays` value). */
  logRetentionDays: number;
  /** Reserved concurrency; `undefined` leaves the function in the account's unreserved pool. */
  reservedConcurrency: number | undefined;
  /** The event source mapping's maximum concurrency: at most this many ingest runs at once. */
  maxConcurrency: number;
}

/** Upload events per ingest run (processed one after another; a failed one is retried alone). */
export const INGEST_BATCH_SIZE = 5;
/** Receives of an upload event before SQS moves it to the dead-letter queue (the function knows its last one). */
export { INGEST_MAX_RECEIVES } from '../../shared/config.ts';

/**
 * The ingest Lambda with its own role (no AWS-managed policies) and log group, fed by a queue: S3 sends each upload's
 * ObjectCreated event to the encrypted upload queue; an event source mapping hands batches of INGEST_BATCH_SIZE to
 * the function, at most `maxConcurrency` at once, with partial batch responses (a failed upload is received again
 * after the visibility timeout); after INGEST_MAX_RECEIVES receives SQS moves it to the dead-letter queue, the
 * original S3 event as its body. Access to buckets, table and index queue is added by the bind* helpers.
 */
export class IngestFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** S3 → this queue → the function. */
  readonly uploadQueue: sqs.Queue;
  /** The upload queue's dead-letter queue. */
  readonly failureQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: IngestFunctionProps) {
    super(scope, id);
    const ingest = createNodeFunction(this, {
      description: 'gongkai: checks an uploaded 决算 workbook, writes its report and publishes the site',
      roleDescription: 'gongkai ingest function',
      entry: INGEST_ENTRY,
      // Sized from the benchmark (`npm run bench`: a whole ingest peaks at ~140 MB RSS; validation of the largest
      // workbook the package limits admit at ~300 MB, test/hostile/memory.test.ts): 1024 MB leaves heap headroom
      // and buys CPU (Lambda CPU scales with memory); an upload takes well under a second, so 60 s is a wide margin
      // for S3/DynamoDB retries and the site rewrite. Re-check when the benchmark changes.
      memorySize: 1024,
      timeout: Duration.seconds(60),
      // Optional: the event source mapping's maximum concurrency bounds the runs; a reservation only guarantees them.
      reservedConcurrentExecutions: props.reservedConcurrency,
      logRetentionDays: props.logRetentionDays,
      // Powertools: service name and metrics namespace (the alarms use them), log level (change it here, no redeploy).
      environment: { ...POWERTOOLS_ENVIRONMENT },
      // No NODE_OPTIONS=--enable-source-maps: it costs ~160 ms of every cold start (npm run bench) and the function
      // logs error names and messages, not stacks; the .map beside the bundle decodes a stack offline if needed.
      bundling: INGEST_BUNDLING,
      queue: {
        queueId: 'UploadQueue',
        deadLetterQueueId: 'FailureQueue',
        maxReceiveCount: INGEST_MAX_RECEIVES,
        batchSize: INGEST_BATCH_SIZE,
        maxConcurrency: props.maxConcurrency,
      },
    });
    this.fn = ingest.fn;
    this.role = ingest.role;
    this.logGroup = ingest.logGroup;
    this.uploadQueue = ingest.queue;
    this.failureQueue = ingest.deadLetterQueue;
  }
}
