import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type { Construct } from 'constructs';
import { FailureAlarm } from '../constructs/failure-alarm.ts';
import { IndexFunction } from '../constructs/index-function.ts';
import {
  bindIndexQueue,
  bindSiteBucket,
  bindTable,
  bindUploadBucket,
  bindUploadLimit,
} from '../constructs/ingest-bindings.ts';
import { IngestFunction } from '../constructs/ingest-function.ts';
import { IngestMonitoring } from '../constructs/ingest-monitoring.ts';
import { QueueAlarms } from '../constructs/queue-alarms.ts';
import { acknowledge } from '../nag.ts';
import { UPLOADS_PREFIX } from '../unit-policy-document.ts';
import type { SiteRefs } from './site-stack.ts';
import type { StorageRefs } from './storage-stack.ts';

/** Only workbooks under uploads/ start the function; reports/ (written by it) never do. */
export const INGEST_TRIGGER = { prefix: UPLOADS_PREFIX, suffix: '.xlsx' } as const;

export interface PipelineStackProps extends StackProps {
  storage: StorageRefs;
  site: SiteRefs;
  logRetentionDays: number;
  reservedConcurrency: number | undefined;
  /** Maximum concurrency of the ingest function's queue (gongkai:ingestConcurrency). */
  ingestConcurrency: number;
  maxUploadBytes: number;
  alarmEmail: string | undefined;
}

/**
 * Stateless processing: S3 → upload queue → ingest function (and its dead-letter queue), the index change queue →
 * index rebuild function, alarms and dashboard. The buckets and table are imported by name, so this stack can be
 * destroyed and redeployed freely (messages in flight are lost with the queues: replay uploads from the bucket).
 */
export class PipelineStack extends Stack {
  readonly ingest: IngestFunction;
  readonly index: IndexFunction;
  readonly queueAlarms: { uploads: QueueAlarms; index: QueueAlarms };
  readonly failureAlarm: FailureAlarm;
  readonly monitoring: IngestMonitoring;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);

    const uploadBucket = s3.Bucket.fromBucketName(this, 'UploadBucket', props.storage.uploadBucketName);
    const siteBucket = s3.Bucket.fromBucketName(this, 'SiteBucket', props.site.siteBucketName);
    const table = dynamodb.Table.fromTableName(this, 'Table', props.storage.tableName);

    this.ingest = new IngestFunction(this, 'Ingest', {
      logRetentionDays: props.logRetentionDays,
      reservedConcurrency: props.reservedConcurrency,
      maxConcurrency: props.ingestConcurrency,
    });
    this.index = new IndexFunction(this, 'Index', {
      logRetentionDays: props.logRetentionDays,
      siteBucket,
      table,
      yearPageInterval: Duration.minutes(1),
      maxConcurrency: 10,
    });
    const fn = this.ingest.fn;
    bindUploadBucket(fn, uploadBucket);
    bindSiteBucket(fn, siteBucket, props.site.siteUrl);
    bindTable(fn, table);
    bindIndexQueue(fn, this.index.queue);
    bindUploadLimit(fn, props.maxUploadBytes);

    // S3 → the upload queue (the queue policy lets only this bucket send). The bucket is imported, so the
    // notification custom resource lives in this stack and merges with (does not replace) any other notification.
    uploadBucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.SqsDestination(this.ingest.uploadQueue),
      INGEST_TRIGGER,
    );
    this.acknowledgeNotificationsHandler();

    this.failureAlarm = new FailureAlarm(this, 'Failures', {
      queue: this.ingest.failureQueue,
      email: props.alarmEmail,
    });
    if (fn.timeout === undefined) throw new Error('the ingest function has no timeout');
    this.monitoring = new IngestMonitoring(this, 'Monitoring', {
      fn,
      timeout: fn.timeout,
      failureQueue: this.ingest.failureQueue,
      otherAlarms: [this.failureAlarm.alarm],
      topic: this.failureAlarm.topic,
    });
    // The dead-letter depth of the upload queue is the failure alarm above; these add the queues' backlog ages.
    this.queueAlarms = {
      uploads: new QueueAlarms(this, 'UploadQueueAlarms', {
        queue: this.ingest.uploadQueue,
        what: 'Upload events',
        maxAge: Duration.minutes(15),
        topic: this.failureAlarm.topic,
      }),
      index: new QueueAlarms(this, 'IndexQueueAlarms', {
        queue: this.index.queue,
        deadLetterQueue: this.index.deadLetterQueue,
        what: 'Index changes',
        maxAge: Duration.minutes(15),
        topic: this.failureAlarm.topic,
      }),
    };

    new CfnOutput(this, 'IngestFunctionName', { value: fn.functionName, description: 'Ingest Lambda function' });
    new CfnOutput(this, 'IngestLogGroupName', {
      value: this.ingest.logGroup.logGroupName,
      description: 'Logs of the ingest function (aws logs tail <name> --follow)',
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: this.ingest.failureQueue.queueUrl,
      description: 'Failed ingest events (each message body is the original S3 event)',
    });
    new CfnOutput(this, 'UploadQueueUrl', {
      value: this.ingest.uploadQueue.queueUrl,
      description: 'S3 upload events waiting for the ingest function',
    });
    new CfnOutput(this, 'IndexQueueUrl', {
      value: this.index.queue.queueUrl,
      description: 'Index changes (FIFO) waiting for the index rebuild function',
    });
    new CfnOutput(this, 'IndexDeadLetterQueueUrl', {
      value: this.index.deadLetterQueue.queueUrl,
      description: 'Index changes that failed every receive',
    });
    new CfnOutput(this, 'DashboardName', {
      value: this.monitoring.dashboard.dashboardName,
      description: 'CloudWatch dashboard of the ingest function (uploads by outcome, findings, durations, alarms)',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.failureAlarm.topic.topicArn,
      description: 'SNS topic of the failure alarm (subscribe more addresses here)',
    });
  }

  /** CDK's own singleton that applies S3 notification configuration (Custom::S3BucketNotifications). */
  private acknowledgeNotificationsHandler(): void {
    const handler = this.node.children.find((child) => child.node.id.startsWith('BucketNotificationsHandler'));
    if (handler === undefined) throw new Error('BucketNotificationsHandler not found: did aws-cdk-lib rename it?');
    acknowledge(
      handler,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      "CDK's built-in BucketNotificationsHandler (runs only during deployment to call s3:PutBucketNotification on the upload bucket) is created by aws-cdk-lib with the AWS-managed basic execution role for its own logs; its role cannot be replaced through the L2 API.",
    );
  }
}
