import { ConfigurationError, DEFAULT_MAX_UPLOAD_BYTES, ENV } from '../config.ts';

/**
 * Configuration of the unit upload API (functions/upload-api/handler.ts), read once from the environment. The same
 * names are set by the CDK construct (infra/constructs/upload-api.ts) and by the embedded stack's stand-in
 * (infra/local/upload-local.ts).
 */
export const UPLOAD_API_ENV = {
  uploadBucket: ENV.uploadBucket,
  tableName: ENV.tableName,
  maxUploadBytes: ENV.maxUploadBytes,
  /** Token issuer: `https://cognito-idp.{region}.amazonaws.com/{userPoolId}`, or the local stand-in's. */
  issuer: 'AUTH_ISSUER',
  /** The user pool app client of the upload page: ID tokens must name it as their audience. */
  clientId: 'AUTH_CLIENT_ID',
  /** Where the issuer publishes its signing keys (default `{issuer}/.well-known/jwks.json`, as Cognito does). */
  jwksUri: 'AUTH_JWKS_URI',
  /** How long an upload grant is valid, in seconds (default 300). */
  grantSeconds: 'UPLOAD_GRANT_SECONDS',
} as const;

export interface UploadApiConfig {
  uploadBucket: string;
  tableName: string;
  maxUploadBytes: number;
  issuer: string;
  clientId: string;
  jwksUri: string;
  grantSeconds: number;
}

/** A few minutes: long enough to send 10 MB over a slow line, short enough that a leaked grant is soon worthless. */
export const DEFAULT_GRANT_SECONDS = 300;

/** The custom attribute of a unit's account that names its unit code (Cognito: `custom:unit_code`). */
export const UNIT_CODE_CLAIM = 'custom:unit_code';

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > max) {
    throw new ConfigurationError(`${name} must be a positive integer (at most ${max}), got "${raw}"`);
  }
  return value;
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigurationError(`${name} environment variable is not set`);
  return value;
}

export function loadUploadApiConfig(env: NodeJS.ProcessEnv = process.env): UploadApiConfig {
  const issuer = required(env, UPLOAD_API_ENV.issuer).replace(/\/+$/, '');
  return {
    uploadBucket: required(env, UPLOAD_API_ENV.uploadBucket),
    tableName: required(env, UPLOAD_API_ENV.tableName),
    maxUploadBytes: positiveInteger(env, UPLOAD_API_ENV.maxUploadBytes, DEFAULT_MAX_UPLOAD_BYTES),
    issuer,
    clientId: required(env, UPLOAD_API_ENV.clientId),
    jwksUri: env[UPLOAD_API_ENV.jwksUri]?.trim() || `${issuer}/.well-known/jwks.json`,
    // S3 accepts up to 7 days; more than an hour is never needed for one file.
    grantSeconds: positiveInteger(env, UPLOAD_API_ENV.grantSeconds, DEFAULT_GRANT_SECONDS, 3600),
  };
}
