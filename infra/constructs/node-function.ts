import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/** Absolute path of a file of this repository, `relative` to its root. */
export const repoFile = (relative: string): string => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

/** esbuild options every function's bundle starts from; each adds its own `externalModules` and whatever else it needs. */
export const BASE_BUNDLING = {
  // CommonJS: exceljs and its dependencies are CommonJS and use dynamic require(), which an ESM bundle cannot do.
  format: nodejs.OutputFormat.CJS,
  target: 'node22',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
} satisfies nodejs.BundlingOptions;

/** The queue that feeds a function, and its dead-letter queue. */
export interface QueueFeedProps {
  /** Construct id of the queue (its logical ID once deployed). */
  readonly queueId: string;
  /** Construct id of its dead-letter queue. */
  readonly deadLetterQueueId: string;
  /**
   * FIFO queues, the work queue with content-based deduplication.
   * @default false
   */
  readonly fifo?: boolean;
  /** Receives of a message before SQS moves it to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** Messages per invocation. */
  readonly batchSize: number;
  /** The event source mapping's maximum concurrency: at most this many runs at once. */
  readonly maxConcurrency: number;
}

export interface NodeFunctionProps {
  /** The function's description (`gongkai: …`). */
  readonly description: string;
  /** The execution role's description. */
  readonly roleDescription: string;
  /** The handler module; it exports `handler`. */
  readonly entry: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  /** CloudWatch Logs retention in days (a `logs.RetentionDays` value). */
  readonly logRetentionDays: number;
  readonly environment: Record<string, string>;
  /** The function's esbuild options (from BASE_BUNDLING). */
  readonly bundling: nodejs.BundlingOptions;
  /**
   * Reserved concurrency.
   * @default - none: the function runs in the account's unreserved pool
   */
  readonly reservedConcurrentExecutions?: number | undefined;
  /**
   * The queue that feeds the function.
   * @default - none: something else invokes the function
   */
  readonly queue?: QueueFeedProps | undefined;
}

export interface NodeFunction {
  readonly fn: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
}

export interface QueueFedFunction extends NodeFunction {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
}

/**
 * A Node.js function of the app with its own log group (retained) and its own role, which may write only to that log
 * group until the caller grants more: Node.js 24 on ARM, the bundle built from the repository root and its lock file.
 * With `queue`, an encrypted, TLS-only queue feeds it through an event source mapping with partial batch responses (a
 * failed message is received again after the visibility timeout, the others are deleted); after `maxReceiveCount`
 * receives SQS moves a message to the dead-letter queue, which keeps it 14 days.
 *
 * Everything is made directly in `scope` (`Logs`, `Role`, the queues, `Function`), not in a construct of its own,
 * which would change the logical IDs of deployed resources; so a scope holds one function.
 */
export function createNodeFunction(
  scope: Construct,
  props: NodeFunctionProps & { readonly queue: QueueFeedProps },
): QueueFedFunction;
export function createNodeFunction(scope: Construct, props: NodeFunctionProps): NodeFunction;
export function createNodeFunction(scope: Construct, props: NodeFunctionProps): NodeFunction | QueueFedFunction {
  const logGroup = new logs.LogGroup(scope, 'Logs', {
    retention: props.logRetentionDays as logs.RetentionDays,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // Own role instead of the default one: the default attaches AWSLambdaBasicExecutionRole (logs on `*`).
  const role = new iam.Role(scope, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: props.roleDescription,
  });
  logGroup.grantWrite(role);
  const feed = props.queue === undefined ? undefined : createFeed(scope, props.queue, props.timeout);
  const fn = new nodejs.NodejsFunction(scope, 'Function', {
    description: props.description,
    entry: props.entry,
    handler: 'handler',
    projectRoot: repoFile(''),
    depsLockFilePath: repoFile('package-lock.json'),
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: props.timeout,
    ...(props.reservedConcurrentExecutions !== undefined
      ? { reservedConcurrentExecutions: props.reservedConcurrentExecutions }
      : {}),
    role,
    logGroup,
    environment: props.environment,
    bundling: props.bundling,
  });
  if (feed === undefined) return { fn, role, logGroup };
  fn.addEventSource(feed.source);
  return { fn, role, logGroup, queue: feed.queue, deadLetterQueue: feed.deadLetterQueue };
}

/** The queues, made before the function: construct order is the order of the template's resources and CDK metadata. */
function createFeed(
  scope: Construct,
  props: QueueFeedProps,
  functionTimeout: Duration,
): { queue: sqs.Queue; deadLetterQueue: sqs.Queue; source: sources.SqsEventSource } {
  const fifo = props.fifo === true ? { fifo: true } : {};
  const deduplication = props.fifo === true ? { contentBasedDeduplication: true } : {};
  const deadLetterQueue = new sqs.Queue(scope, props.deadLetterQueueId, {
    ...fifo,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const queue = new sqs.Queue(scope, props.queueId, {
    ...fifo,
    ...deduplication,
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(4),
    // AWS: at least six times the function timeout, so a batch still running is never delivered twice at once.
    visibilityTimeout: Duration.seconds(functionTimeout.toSeconds() * 6),
    deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
  });
  const source = new sources.SqsEventSource(queue, {
    batchSize: props.batchSize,
    maxConcurrency: props.maxConcurrency,
    reportBatchItemFailures: true,
  });
  return { queue, deadLetterQueue, source };
}
