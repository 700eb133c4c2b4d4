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
  /** Optional CloudFront distribution to invalidate after a publication. */
  distributionId: 'DISTRIBUTION_ID',
  /** Largest upload accepted, in bytes (default 10 MB). */
  maxUploadBytes: 'MAX_UPLOAD_BYTES',
} as const;

export interface IngestConfig {
  uploadBucket: string;
  siteBucket: string;
  tableName: string;
  siteBaseUrl: string;
  distributionId: string | undefined;
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
    distributionId: env[ENV.distributionId]?.trim() || undefined,
    maxUploadBytes,
  };
}
