import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { POWERTOOLS_ENVIRONMENT } from '../../functions/ingest/metric-names.ts';
import { INGEST_MAX_RECEIVES } from '../../shared/config.ts';

const repoFile = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

export const INGEST_ENTRY = repoFile('functions/ingest/handler.ts');

/** esbuild options of the ingest bundle (exported so a test bundles the handler the same way without CDK). */
export const INGEST_BUNDLING = {
  // CommonJS: exceljs and its dependencies are CommonJS and use dynamic require(), which an ESM bundle cannot do.
  format: nodejs.OutputFormat.CJS,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
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

const INGEST_TIMEOUT = Duration.seconds(60);

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

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Own role instead of the default one: the default attaches AWSLambdaBasicExecutionRole (logs on `*`).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'gongkai ingest function',
    });
    this.logGroup.grantWrite(this.role);

    this.failureQueue = new sqs.Queue(this, 'FailureQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.uploadQueue = new sqs.Queue(this, 'UploadQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      // AWS: at least six times the function timeout, so a batch still running is never delivered twice at once.
      visibilityTimeout: Duration.seconds(INGEST_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.failureQueue, maxReceiveCount: INGEST_MAX_RECEIVES },
    });

    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      description: 'gongkai: checks an uploaded 决算 workbook, writes its report and publishes the site',
      entry: INGEST_ENTRY,
      handler: 'handler',
      projectRoot: repoFile(''),
      depsLockFilePath: repoFile('package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      // Sized from the benchmark (`npm run bench`: a whole ingest peaks at ~140 MB RSS; validation of the largest
      // workbook the package limits admit at ~300 MB, test/hostile/memory.test.ts): 1024 MB leaves heap headroom
      // and buys CPU (Lambda CPU scales with memory); an upload takes well under a second, so 60 s is a wide margin
      // for S3/DynamoDB retries and the site rewrite. Re-check when the benchmark changes.
      memorySize: 1024,
      timeout: INGEST_TIMEOUT,
      // Optional: the event source mapping's maximum concurrency bounds the runs; a reservation only guarantees them.
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      role: this.role,
      logGroup: this.logGroup,
      // Powertools: service name and metrics namespace (the alarms use them), log level (change it here, no redeploy).
      environment: { ...POWERTOOLS_ENVIRONMENT },
      // No NODE_OPTIONS=--enable-source-maps: it costs ~160 ms of every cold start (npm run bench) and the function
      // logs error names and messages, not stacks; the .map beside the bundle decodes a stack offline if needed.
      bundling: INGEST_BUNDLING,
    });
    this.fn.addEventSource(
      new sources.SqsEventSource(this.uploadQueue, {
        batchSize: INGEST_BATCH_SIZE,
        maxConcurrency: props.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
  }
}
