import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  FINDING_SEVERITIES,
  METRIC,
  METRICS_NAMESPACE,
  SERVICE_NAME,
  UPLOAD_OUTCOMES,
  type UploadOutcome,
} from '../../functions/ingest/metric-names.ts';
import { createNotifyingAlarm } from './notifying-alarm.ts';
import { deadLetterDepth } from './queue-alarms.ts';

export interface IngestMonitoringProps {
  fn: lambda.Function;
  /** The function's timeout: the duration alarm fires at DURATION_ALARM_SHARE of it. */
  timeout: Duration;
  failureQueue: sqs.IQueue;
  /** Alarms already defined elsewhere (the dead-letter alarm), shown on the dashboard's alarm row. */
  otherAlarms: cloudwatch.IAlarm[];
  /** Every alarm here notifies this topic, on ALARM and on OK. */
  topic: sns.ITopic;
}

/** The duration alarm fires when a run takes this share of the timeout: the next, slower workbook may time out. */
export const DURATION_ALARM_SHARE = 0.8;

const PERIOD = Duration.minutes(5);

/**
 * Alarms and a CloudWatch dashboard for the ingest function (docs/deploy.md, "Monitoring"): the function's own
 * Errors, Throttles and Duration, and the application metrics it emits in embedded metric format
 * (functions/ingest/observability.ts) — uploads by outcome, findings by severity, validation and publication time.
 */
export class IngestMonitoring extends Construct {
  readonly errorsAlarm: cloudwatch.Alarm;
  readonly throttlesAlarm: cloudwatch.Alarm;
  readonly durationAlarm: cloudwatch.Alarm;
  readonly failedUploadsAlarm: cloudwatch.Alarm;
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: IngestMonitoringProps) {
    super(scope, id);
    const { fn } = props;
    const alarm = (name: string, options: cloudwatch.AlarmProps) =>
      createNotifyingAlarm(this, name, props.topic, options);

    this.errorsAlarm = alarm('ErrorsAlarm', {
      alarmDescription:
        'The ingest function threw (an infrastructure failure, not a rejected workbook). Lambda retries twice, then dead-letters the event. See the function logs (ERROR lines) for the upload key and the error.',
      metric: fn.metricErrors({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
    this.throttlesAlarm = alarm('ThrottlesAlarm', {
      alarmDescription:
        'The ingest function has been throttled for 15 minutes: uploads arrive faster than the reserved concurrency allows. Events wait (up to 6 hours) and are not lost; raise gongkai:reservedConcurrency if this persists.',
      metric: fn.metricThrottles({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
    });
    const limit = Math.round(props.timeout.toMilliseconds() * DURATION_ALARM_SHARE);
    this.durationAlarm = alarm('DurationAlarm', {
      alarmDescription: `A run of the ingest function took ${limit} ms or more, ${DURATION_ALARM_SHARE * 100}% of its ${props.timeout.toSeconds()} s timeout: larger workbooks may start to time out. Check PublicationDuration / ValidationDuration on the dashboard.`,
      metric: fn.metricDuration({ period: PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: limit,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
    this.failedUploadsAlarm = alarm('FailedUploadsAlarm', {
      alarmDescription:
        'An upload failed in the ingest function (outcome "failed" in the Gongkai/Uploads metric); it will be retried and, if it keeps failing, dead-lettered. See the ERROR log line with the same time for the key and error.',
      metric: uploadsMetric('failed'),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${Stack.of(this).stackName}-Ingest`,
      defaultInterval: Duration.days(7),
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Uploads by outcome (count per 5 min)',
        left: UPLOAD_OUTCOMES.map((outcome) => uploadsMetric(outcome).with({ label: outcome })),
        stacked: true,
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Findings by severity (count per 5 min)',
        left: FINDING_SEVERITIES.map(
          (severity) =>
            new cloudwatch.Metric({
              namespace: METRICS_NAMESPACE,
              metricName: METRIC.findings,
              dimensionsMap: { service: SERVICE_NAME, severity },
              statistic: cloudwatch.Stats.SUM,
              period: PERIOD,
              label: severity,
            }),
        ),
        width: 12,
      }),
    );
    const phase = (metricName: string, statistic: string, label: string) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: SERVICE_NAME },
        statistic,
        period: PERIOD,
        label,
        unit: cloudwatch.Unit.MILLISECONDS,
      });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Validation and publication time (ms)',
        left: [
          phase(METRIC.validationDuration, cloudwatch.Stats.p(95), 'validation p95'),
          phase(METRIC.validationDuration, cloudwatch.Stats.MAXIMUM, 'validation max'),
          phase(METRIC.publicationDuration, cloudwatch.Stats.p(95), 'publication p95'),
          phase(METRIC.publicationDuration, cloudwatch.Stats.MAXIMUM, 'publication max'),
        ],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Function duration (ms) and timeout',
        left: [
          fn.metricDuration({ period: PERIOD, statistic: cloudwatch.Stats.p(95), label: 'p95' }),
          fn.metricDuration({ period: PERIOD, statistic: cloudwatch.Stats.MAXIMUM, label: 'max' }),
        ],
        leftAnnotations: [
          { value: limit, label: `alarm (${DURATION_ALARM_SHARE * 100}% of timeout)` },
          { value: props.timeout.toMilliseconds(), label: 'timeout' },
        ],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Invocations, errors, throttles',
        left: [
          fn.metricInvocations({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
          fn.metricErrors({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
          fn.metricThrottles({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
        ],
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: [
          this.failedUploadsAlarm,
          this.errorsAlarm,
          this.throttlesAlarm,
          this.durationAlarm,
          ...props.otherAlarms,
        ],
        width: 16,
      }),
      new cloudwatch.SingleValueWidget({
        title: 'Events in the dead-letter queue',
        metrics: [deadLetterDepth(props.failureQueue)],
        width: 8,
      }),
    );
  }
}

/**
 * Gongkai/Uploads for one outcome, summed per 5 minutes (the dimensions Powertools writes: service, outcome). No label:
 * a labelled metric makes an alarm a metric-math alarm.
 */
export function uploadsMetric(outcome: UploadOutcome): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: METRIC.uploads,
    dimensionsMap: { service: SERVICE_NAME, outcome },
    statistic: cloudwatch.Stats.SUM,
    period: PERIOD,
  });
}
