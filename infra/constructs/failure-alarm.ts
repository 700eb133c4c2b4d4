import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface FailureAlarmProps {
  /** Queue whose visible messages are failures to look at. */
  queue: sqs.IQueue;
  /** Subscribed by e-mail when set (the address must confirm the subscription). */
  email?: string | undefined;
}

/** Alarm as soon as one message is waiting in the failure queue; notifications go to an SNS topic. */
export class FailureAlarm extends Construct {
  readonly topic: sns.Topic;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: FailureAlarmProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'gongkai ingest failures', enforceSSL: true });
    if (props.email !== undefined) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    // Not KMS-encrypted: notifications carry only the alarm name, queue name and a count; CloudWatch cannot publish
    // to a topic under the AWS-managed SNS key, so encryption would need a customer-managed key for no gain.

    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmDescription:
        'An upload failed in the ingest function after all retries; the failed S3 event is in the dead-letter queue (see docs: dead-letter replay).',
      metric: props.queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarm.addOkAction(new actions.SnsAction(this.topic));
  }
}
