/**
 * Names shared by the ingest function (which emits the logs and metrics) and the CDK app (which sets the function's
 * environment and builds the alarms and dashboard on them). Plain constants: importing them pulls no Powertools code
 * into the CDK app.
 */

/** `service` key of every log line and default dimension of every metric. */
export const SERVICE_NAME = 'gongkai-ingest';

/** CloudWatch namespace of the application metrics (embedded metric format). */
export const METRICS_NAMESPACE = 'Gongkai';

export const METRIC = {
  /** Count, one per upload event, dimension `outcome`. */
  uploads: 'Uploads',
  /** Milliseconds spent reading and checking a workbook. */
  validationDuration: 'ValidationDuration',
  /** Milliseconds spent rendering and writing the site for a publication (including the index re-checks). */
  publicationDuration: 'PublicationDuration',
  /** Count of findings in an upload's report, dimension `severity`. */
  findings: 'Findings',
} as const;

/**
 * The `outcome` dimension of `Uploads`: `accepted` is a workbook that passed and was published; `superseded` passed
 * but a newer upload of the same unit-year was already current; `failed` is an infrastructure failure (the event is
 * retried, then dead-lettered); `ignored` an object that is not an upload or no longer exists.
 */
export const UPLOAD_OUTCOMES = ['accepted', 'rejected', 'duplicate', 'superseded', 'failed', 'ignored'] as const;
export type UploadOutcome = (typeof UPLOAD_OUTCOMES)[number];

/** The `severity` dimension of `Findings` (the report's 错误 / 警告 / 提示). */
export const FINDING_SEVERITIES = ['error', 'warning', 'notice'] as const;

/** Environment of the function read by Powertools (the log level can be changed there without a redeploy). */
export const POWERTOOLS_ENVIRONMENT = {
  POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
  POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
  POWERTOOLS_LOG_LEVEL: 'INFO',
} as const;
