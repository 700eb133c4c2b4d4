import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/config.ts';
import { acknowledgeWildcardResource } from '../nag.ts';
import { bindIndexQueue } from './ingest-bindings.ts';
import { INGEST_BUNDLING } from './ingest-function.ts';
import { createNodeFunction, repoFile } from './node-function.ts';

export const INDEX_ENTRY = repoFile('functions/index-rebuild/handler.ts');

/** Receives of an index change before it goes to the index dead-letter queue (a throttled year page counts one). */
export const INDEX_MAX_RECEIVES = 5;

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
    const { fn, role, logGroup, queue, deadLetterQueue } = createNodeFunction(this, {
      description: 'gongkai: rebuilds the index pages (department, year, home) of the disclosure site from the catalog',
      roleDescription: 'gongkai index rebuild function',
      entry: INDEX_ENTRY,
      // A 60,000-unit department: 120 pages rendered one at a time (bench: indexRebuildMs5k for 5,000 units).
      memorySize: 1024,
      timeout: Duration.minutes(2),
      logRetentionDays: props.logRetentionDays,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'gongkai-index',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        [ENV.siteBucket]: props.siteBucket.bucketName,
        [ENV.tableName]: props.table.tableName,
        [ENV.yearPageIntervalMs]: String(props.yearPageInterval.toMilliseconds()),
      },
      bundling: INGEST_BUNDLING,
      queue: {
        queueId: 'Queue',
        deadLetterQueueId: 'DeadLetterQueue',
        fifo: true,
        maxReceiveCount: INDEX_MAX_RECEIVES,
        batchSize: 10,
        maxConcurrency: props.maxConcurrency,
      },
    });
    this.fn = fn;
    this.logGroup = logGroup;
    this.queue = queue;
    this.deadLetterQueue = deadLetterQueue;
    // Year changes are sent by this function itself.
    bindIndexQueue(fn, queue);
    const pages = props.siteBucket.arnForObjects('*');
    fn.addToRolePolicy(
      new iam.PolicyStatement({ sid: 'WriteIndexPages', actions: ['s3:PutObject'], resources: [pages] }),
    );
    acknowledgeWildcardResource(
      role,
      pages,
      'Index pages are spread over the site bucket ({year}/departments/{code}/…, {year}/index.html, index.html and their catalog.json), which is dedicated to the generated site. Write only, no read, no delete.',
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'CatalogItems',
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
        resources: [props.table.tableArn],
      }),
    );
  }
}
