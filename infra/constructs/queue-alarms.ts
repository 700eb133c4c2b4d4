import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface QueueAlarmsProps {
  /** The work queue whose oldest message must not get old. */
  queue: sqs.IQueue;
  /** Its dead-letter queue: one message is one alarm. */
  deadLetterQueue?: sqs.IQueue | undefined;
  /** What the queue carries, for the alarm descriptions. */
  what: string;
  /** Alarm when the oldest message has waited this long (three 5-minute periods in a row). */
  maxAge: Duration;
  topic: sns.ITopic;
}

/**
 * Alarms of a queue-fed function: the age of the oldest message (work waits longer than it should: the function is
 * failing, throttled or under-provisioned — raise its maximum concurrency) and, optionally, dead-letter depth.
 */
export class QueueAlarms extends Construct {
  readonly oldestMessageAlarm: cloudwatch.Alarm;
  readonly deadLetterAlarm: cloudwatch.Alarm | undefined;

  constructor(scope: Construct, id: string, props: QueueAlarmsProps) {
    super(scope, id);
    const notify = (a: cloudwatch.Alarm) => {
      a.addAlarmAction(new actions.SnsAction(props.topic));
      a.addOkAction(new actions.SnsAction(props.topic));
      return a;
    };
    this.oldestMessageAlarm = notify(
      new cloudwatch.Alarm(this, 'OldestMessageAlarm', {
        alarmDescription: `${props.what} have waited ${props.maxAge.toMinutes()} minutes or more in the queue for 15 minutes: the function is failing, throttled or too few. Check its errors and raise its maximum concurrency (docs/capacity.md).`,
        metric: props.queue.metricApproximateAgeOfOldestMessage({
          period: Duration.minutes(5),
          statistic: cloudwatch.Stats.MAXIMUM,
        }),
        threshold: props.maxAge.toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    this.deadLetterAlarm =
      props.deadLetterQueue === undefined
        ? undefined
        : notify(
            new cloudwatch.Alarm(this, 'DeadLetterAlarm', {
              alarmDescription: `${props.what}: a message failed every receive and is in the dead-letter queue (redrive it after fixing the cause).`,
              metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
                period: Duration.minutes(1),
                statistic: cloudwatch.Stats.MAXIMUM,
              }),
              threshold: 1,
              comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
              evaluationPeriods: 1,
              treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
            }),
          );
  }
}
