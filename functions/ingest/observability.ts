import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { IngestOutcome, IngestPhase } from '../../shared/ingest/ingest-upload.ts';
import type { Logger as LoggerPort } from '../../shared/log.ts';
import { METRIC, METRICS_NAMESPACE, SERVICE_NAME, type UploadOutcome } from './metric-names.ts';

/**
 * Logs and metrics of the ingest Lambda with Powertools for AWS Lambda: JSON log lines carrying the request id, cold
 * start and function of the invocation, at the level of `POWERTOOLS_LOG_LEVEL` (or Lambda's own `AWS_LAMBDA_LOG_LEVEL`);
 * metrics as CloudWatch embedded metric format (EMF) lines in the same log stream, which CloudWatch turns into metrics
 * without any API call. The embedded local stack and the CLI do not use this: they log readable text (shared/log.ts).
 */

/** The fields of the Lambda context the logger reads. */
export interface LambdaContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
}

export interface Observability {
  logger: Logger;
  metrics: Metrics;
}

/** The use case's logging port over the Powertools logger (fields become top-level keys of the JSON line). */
export function loggerPort(logger: Logger): LoggerPort {
  return {
    info: (message, fields) => (fields ? logger.info(message, fields) : logger.info(message)),
    warn: (message, fields) => (fields ? logger.warn(message, fields) : logger.warn(message)),
    error: (message, fields) => (fields ? logger.error(message, fields) : logger.error(message)),
  };
}

/** Reads the environment at creation (service name, namespace, log level). */
export function createObservability(): Observability {
  const serviceName = process.env.POWERTOOLS_SERVICE_NAME || SERVICE_NAME;
  return {
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE, serviceName }),
  };
}

/** The metric dimension of an outcome: a published upload is `accepted`. */
export function uploadOutcome(outcome: IngestOutcome | 'failed'): UploadOutcome {
  if (outcome === 'failed') return 'failed';
  return outcome.status === 'published' ? 'accepted' : outcome.status;
}

export interface IngestObserver {
  /** Duration of a phase of one upload (stored, published with the invocation's other metrics). */
  measure(phase: IngestPhase, milliseconds: number): void;
  /** One upload's outcome and its findings by severity (each a metric line of its own, with its dimension). */
  outcome(outcome: IngestOutcome | 'failed'): void;
}

const PHASE_METRIC: Record<IngestPhase, string> = {
  validation: METRIC.validationDuration,
  publication: METRIC.publicationDuration,
};

export function ingestObserver(metrics: Metrics): IngestObserver {
  const count = (name: string, dimension: string, value: string, n: number) => {
    // singleMetric: its own EMF line, so each outcome / severity gets its own dimension value.
    const single = metrics.singleMetric();
    single.addDimension(dimension, value);
    single.addMetric(name, MetricUnit.Count, n);
  };
  return {
    measure: (phase, milliseconds) =>
      metrics.addMetric(PHASE_METRIC[phase], MetricUnit.Milliseconds, Math.round(milliseconds)),
    outcome: (outcome) => {
      count(METRIC.uploads, 'outcome', uploadOutcome(outcome), 1);
      const summary = outcome === 'failed' ? null : outcome.report?.summary;
      if (!summary) return;
      for (const [severity, n] of [
        ['error', summary.errors],
        ['warning', summary.warnings],
        ['notice', summary.notices],
      ] as const) {
        if (n > 0) count(METRIC.findings, 'severity', severity, n);
      }
    },
  };
}

/**
 * One invocation: the logger learns the request id and cold start, the cold-start metric is captured, and the stored
 * metrics (durations) are flushed at the end, also when the work throws.
 */
export async function withInvocation<T>(o: Observability, context: LambdaContext, work: () => Promise<T>): Promise<T> {
  o.logger.addContext(context);
  o.metrics.captureColdStartMetric(context.functionName);
  try {
    return await work();
  } finally {
    if (o.metrics.hasStoredMetrics()) o.metrics.publishStoredMetrics();
  }
}
