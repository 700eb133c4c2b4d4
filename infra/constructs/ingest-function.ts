import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { POWERTOOLS_ENVIRONMENT } from '../../functions/ingest/metric-names.ts';
import { acknowledge } from '../nag.ts';

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
}

/**
 * The ingest Lambda with its own role (no AWS-managed policies), log group, and failure handling: S3 invokes it
 * asynchronously; after the first attempt and 2 retries the event goes to an encrypted SQS queue.
 * Access to buckets, table and distribution is added by the bind* helpers (ingest-bindings.ts).
 */
export class IngestFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
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
    acknowledge(
      this.failureQueue,
      'AwsSolutions-SQS3',
      'This queue IS the dead-letter destination (Lambda asynchronous onFailure) of the ingest function; messages are only read by an operator replaying them, so a further DLQ behind it has nothing to catch.',
    );

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
      timeout: Duration.seconds(60),
      // Bounds the cost and the DynamoDB/S3 write rate of a burst of uploads; excess async events wait in Lambda's
      // internal queue (up to maxEventAge), they are not lost.
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      role: this.role,
      logGroup: this.logGroup,
      // Powertools: service name and metrics namespace (the alarms use them), log level (change it here, no redeploy).
      environment: { ...POWERTOOLS_ENVIRONMENT },
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(this.failureQueue),
      // No NODE_OPTIONS=--enable-source-maps: it costs ~160 ms of every cold start (npm run bench) and the function
      // logs error names and messages, not stacks; the .map beside the bundle decodes a stack offline if needed.
      bundling: INGEST_BUNDLING,
    });
  }
}
