import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type { Construct } from 'constructs';
import { FailureAlarm } from '../constructs/failure-alarm.ts';
import {
  bindDistribution,
  bindSiteBucket,
  bindTable,
  bindUploadBucket,
  bindUploadLimit,
} from '../constructs/ingest-bindings.ts';
import { IngestFunction } from '../constructs/ingest-function.ts';
import { IngestMonitoring } from '../constructs/ingest-monitoring.ts';
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
  maxUploadBytes: number;
  alarmEmail: string | undefined;
}

/**
 * Stateless processing: the ingest function, its failure queue, alarms and dashboard, and the upload bucket's event
 * notification. The buckets, table and distribution are imported by name, so this stack can be destroyed and
 * redeployed freely.
 */
export class PipelineStack extends Stack {
  readonly ingest: IngestFunction;
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
    });
    const fn = this.ingest.fn;
    bindUploadBucket(fn, uploadBucket);
    bindSiteBucket(fn, siteBucket, props.site.siteUrl);
    bindTable(fn, table);
    bindDistribution(fn, props.site.distributionId);
    bindUploadLimit(fn, props.maxUploadBytes);

    // The bucket is imported, so the notification custom resource lives in this stack and merges with (does not
    // replace) any other notification configured on the bucket.
    uploadBucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), INGEST_TRIGGER);
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

    new CfnOutput(this, 'IngestFunctionName', { value: fn.functionName, description: 'Ingest Lambda function' });
    new CfnOutput(this, 'IngestLogGroupName', {
      value: this.ingest.logGroup.logGroupName,
      description: 'Logs of the ingest function (aws logs tail <name> --follow)',
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: this.ingest.failureQueue.queueUrl,
      description: 'Failed ingest events (original S3 event inside each message)',
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
