import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createDeadLetterAlarm } from './queue-alarms.ts';

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

    this.alarm = createDeadLetterAlarm(this, 'Alarm', {
      queue: props.queue,
      alarmDescription:
        'An upload failed in the ingest function after all retries; the failed S3 event is in the dead-letter queue (see docs: dead-letter replay).',
      topic: this.topic,
    });
  }
}
