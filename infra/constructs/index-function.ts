import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config.ts';
import { acknowledgeWildcardResource } from '../nag.ts';
import { INGEST_BUNDLING } from './ingest-function.ts';

const repoFile = (relative: string) => fileURLToPath(new URL(`../../${relative}`, import.meta.url));

export const INDEX_ENTRY = repoFile('functions/index-rebuild/handler.ts');

/** Receives of an index change before it goes to the index dead-letter queue (a throttled year page counts one). */
export const INDEX_MAX_RECEIVES = 5;
const INDEX_TIMEOUT = Duration.minutes(2);

export interface IndexFunctionProps {
  logRetentionDays: number;
  siteBucket: s3.IBucket;
  table: dynamodb.ITable;
  /** Least time between two rebuilds of a year's pages (year page, home page). */
  yearPageInterval: Duration;
  /** Rebuilds at once (different department-years; one message group never runs twice at once). */
  maxConcurrency: number;
}

/**
 * The index rebuild function and its queue (issue 12). Publications send "department-year changed" to an SQS FIFO
 * queue (message group `{year}#{department}`, content-based deduplication); the function rebuilds that department's
 * pages (≤ 500 units each) and, when its count changed, sends "year changed" (group `{year}`), which rebuilds the
 * year and home pages at most once per `yearPageInterval`. Coalescing by change counters: see
 * shared/ingest/rebuild-indexes.ts.
 */
export class IndexFunction extends Construct {
  readonly fn: nodejs.NodejsFunction;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: IndexFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'gongkai index rebuild function',
    });
    this.logGroup.grantWrite(role);

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      fifo: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      fifo: true,
      contentBasedDeduplication: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(4),
      visibilityTimeout: Duration.seconds(INDEX_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: INDEX_MAX_RECEIVES },
    });

    this.fn = new nodejs.NodejsFunction(this, 'Function', {
      description: 'gongkai: rebuilds the index pages (department, year, home) of the disclosure site from the catalog',
      entry: INDEX_ENTRY,
      handler: 'handler',
      projectRoot: repoFile(''),
      depsLockFilePath: repoFile('package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      // A 60,000-unit department: 120 pages rendered one at a time (bench: indexRebuildMs5k for 5,000 units).
      memorySize: 1024,
      timeout: INDEX_TIMEOUT,
      role,
      logGroup: this.logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'gongkai-index',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        [ENV.siteBucket]: props.siteBucket.bucketName,
        [ENV.tableName]: props.table.tableName,
        [ENV.indexQueueUrl]: this.queue.queueUrl,
        [ENV.yearPageIntervalMs]: String(props.yearPageInterval.toMilliseconds()),
      },
      bundling: INGEST_BUNDLING,
    });
    this.fn.addEventSource(
      new sources.SqsEventSource(this.queue, {
        batchSize: 10,
        maxConcurrency: props.maxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    // Year changes are sent by this function itself.
    this.queue.grantSendMessages(this.fn);
    const pages = props.siteBucket.arnForObjects('*');
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({ sid: 'WriteIndexPages', actions: ['s3:PutObject'], resources: [pages] }),
    );
    acknowledgeWildcardResource(
      role,
      pages,
      'Index pages are spread over the site bucket ({year}/departments/{code}/…, {year}/index.html, index.html and their catalog.json), which is dedicated to the generated site. Write only, no read, no delete.',
    );
    this.fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'CatalogItems',
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
        resources: [props.table.tableArn],
      }),
    );
  }
}
