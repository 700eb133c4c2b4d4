import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createNotifyingAlarm } from './notifying-alarm.ts';

/** Messages waiting in a dead-letter queue: the most seen in each minute. */
export function deadLetterDepth(queue: sqs.IQueue): cloudwatch.Metric {
  return queue.metricApproximateNumberOfMessagesVisible({
    period: Duration.minutes(1),
    statistic: cloudwatch.Stats.MAXIMUM,
  });
}

/** An alarm as soon as one message waits in a dead-letter queue (and OK again once it is empty). */
export function createDeadLetterAlarm(
  scope: Construct,
  id: string,
  props: { queue: sqs.IQueue; alarmDescription: string; topic: sns.ITopic },
): cloudwatch.Alarm {
  return createNotifyingAlarm(scope, id, props.topic, {
    alarmDescription: props.alarmDescription,
    metric: deadLetterDepth(props.queue),
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
  });
}

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
    this.oldestMessageAlarm = createNotifyingAlarm(this, 'OldestMessageAlarm', props.topic, {
      alarmDescription: `${props.what} have waited ${props.maxAge.toMinutes()} minutes or more in the queue for 15 minutes: the function is failing, throttled or too few. Check its errors and raise its maximum concurrency (docs/capacity.md).`,
      metric: props.queue.metricApproximateAgeOfOldestMessage({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: props.maxAge.toSeconds(),
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
    });
    this.deadLetterAlarm =
      props.deadLetterQueue === undefined
        ? undefined
        : createDeadLetterAlarm(this, 'DeadLetterAlarm', {
            queue: props.deadLetterQueue,
            alarmDescription: `${props.what}: a message failed every receive and is in the dead-letter queue (redrive it after fixing the cause).`,
            topic: props.topic,
          });
  }
}
