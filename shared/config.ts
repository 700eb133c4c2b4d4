/**
 * The one place that reads `process.env`. Configuration is parsed once, typed, and a missing or malformed
 * variable fails at start-up by name, never mid-request.
 *
 * The same names are set by the CDK construct that grants the function its access (infra/) and by the embedded
 * local stack (infra/local/), so the contract lives here.
 */
export const ENV = {
  /** Bucket units upload to (`uploads/…`); reports are written to its `reports/…` prefix. */
  uploadBucket: 'UPLOAD_BUCKET',
  /** Bucket holding the static disclosure site. */
  siteBucket: 'SITE_BUCKET',
  /** Single DynamoDB table (pk/sk). */
  tableName: 'TABLE_NAME',
  /** Public base URL of the site (CloudFront domain or the local website URL), used in links and reports. */
  siteBaseUrl: 'SITE_BASE_URL',
  /**
   * SQS FIFO queue of index changes ("department-year changed"), read by the index rebuild function. There is no
   * CloudFront distribution setting: nothing invalidates the CDN (short max-age + stale-while-revalidate instead).
   */
  indexQueueUrl: 'INDEX_QUEUE_URL',
  /** Largest upload accepted, in bytes (default 10 MB). */
  maxUploadBytes: 'MAX_UPLOAD_BYTES',
  /** Index rebuild function: least time between two rebuilds of a year's pages, ms (default 60000). */
  yearPageIntervalMs: 'YEAR_PAGE_INTERVAL_MS',
} as const;

export interface IngestConfig {
  uploadBucket: string;
  siteBucket: string;
  tableName: string;
  siteBaseUrl: string;
  indexQueueUrl: string;
  maxUploadBytes: number;
}

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new ConfigurationError(`${name} environment variable is not set`);
  }
  return value.trim();
}

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * Receives of an upload event before SQS moves it to the dead-letter queue (the upload queue's `maxReceiveCount`,
 * set by the CDK app; the embedded stack's default). On that last receive a failed run records the upload as failed
 * with a K-04 report to the unit (shared/ingest/record-failure.ts).
 */
export const INGEST_MAX_RECEIVES = 3;

/** Reads the ingest function's configuration from the environment, failing fast by variable name. */
export function loadIngestConfig(env: NodeJS.ProcessEnv = process.env): IngestConfig {
  const maxRaw = env[ENV.maxUploadBytes];
  const maxUploadBytes = maxRaw === undefined || maxRaw === '' ? DEFAULT_MAX_UPLOAD_BYTES : Number(maxRaw);
  if (!Number.isInteger(maxUploadBytes) || maxUploadBytes <= 0) {
    throw new ConfigurationError(`${ENV.maxUploadBytes} must be a positive integer number of bytes, got "${maxRaw}"`);
  }
  return {
    uploadBucket: required(env, ENV.uploadBucket),
    siteBucket: required(env, ENV.siteBucket),
    tableName: required(env, ENV.tableName),
    siteBaseUrl: required(env, ENV.siteBaseUrl).replace(/\/+$/, ''),
    indexQueueUrl: required(env, ENV.indexQueueUrl),
    maxUploadBytes,
  };
}

/**
 * Limits of the worker thread that reads and validates an upload (shared/sandbox/workbook-sandbox.ts). Optional
 * everywhere (the defaults suit the 1024 MB / 60 s function); kept apart from ENV, which lists what the CDK
 * construct must set.
 */
export const SANDBOX_ENV = {
  /** Heap limit of the worker in MB (V8 old generation). */
  heapMb: 'GONGKAI_SANDBOX_HEAP_MB',
  /** Wall-clock limit of reading and validating one workbook, in milliseconds. */
  deadlineMs: 'GONGKAI_SANDBOX_DEADLINE_MS',
} as const;

export interface SandboxLimits {
  heapMb: number;
  deadlineMs: number;
}

/**
 * 256 MB of heap: validating the largest package the inspection admits peaks at ~300 MB resident in one thread,
 * most of it exceljs's heap; with the main thread's ~100 MB the process stays under the 512 MB bound of
 * test/hostile/memory.test.ts even when a workbook fills the worker's heap. 6 s: a real workbook takes 0.05–0.5 s,
 * the largest admitted package ~1.5 s, and an answer within 10 s is the acceptance bound of issue 11.
 */
export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { heapMb: 256, deadlineMs: 6_000 };

export function loadSandboxLimits(env: NodeJS.ProcessEnv = process.env): SandboxLimits {
  const read = (name: string, fallback: number, min: number) => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) {
      throw new ConfigurationError(`${name} must be an integer of at least ${min}, got "${raw}"`);
    }
    return value;
  };
  return {
    heapMb: read(SANDBOX_ENV.heapMb, DEFAULT_SANDBOX_LIMITS.heapMb, 16),
    deadlineMs: read(SANDBOX_ENV.deadlineMs, DEFAULT_SANDBOX_LIMITS.deadlineMs, 100),
  };
}

/** The index rebuild function's configuration (functions/index-rebuild/handler.ts). */
export interface RebuildConfig {
  siteBucket: string;
  tableName: string;
  indexQueueUrl: string;
  yearPageIntervalMs: number;
}

export function loadRebuildConfig(env: NodeJS.ProcessEnv = process.env): RebuildConfig {
  const raw = env[ENV.yearPageIntervalMs];
  const yearPageIntervalMs = raw === undefined || raw.trim() === '' ? 60_000 : Number(raw);
  if (!Number.isInteger(yearPageIntervalMs) || yearPageIntervalMs < 0) {
    throw new ConfigurationError(`${ENV.yearPageIntervalMs} must be a non-negative integer (ms), got "${raw}"`);
  }
  return {
    siteBucket: required(env, ENV.siteBucket),
    tableName: required(env, ENV.tableName),
    indexQueueUrl: required(env, ENV.indexQueueUrl),
    yearPageIntervalMs,
  };
}
