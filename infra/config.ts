/**
 * Deployment configuration, read from CDK context (`cdk.json` or `-c key=value`) or passed as props.
 * Parsing is pure (no aws-cdk-lib import) so it is unit-testable and fails at synth with the key's name.
 */
import { DEFAULT_MAX_UPLOAD_BYTES } from '../shared/config.ts';

export const CONTEXT = {
  stage: 'gongkai:stage',
  domainName: 'gongkai:domainName',
  certificateArn: 'gongkai:certificateArn',
  alarmEmail: 'gongkai:alarmEmail',
  logRetentionDays: 'gongkai:logRetentionDays',
  reservedConcurrency: 'gongkai:reservedConcurrency',
  ingestConcurrency: 'gongkai:ingestConcurrency',
  maxUploadBytes: 'gongkai:maxUploadBytes',
  /** No longer used (one attribute-based policy for all units); refused with an explanation if set. */
  units: 'gongkai:units',
} as const;

export interface GongkaiConfig {
  /** Used in stack names (`Gongkai-<stage>-Storage`), export names and IAM policy names. */
  stage: string;
  /** Custom domain for the site (needs `certificateArn`). */
  domainName: string | undefined;
  /** ACM certificate for `domainName`, in us-east-1 (CloudFront requirement). */
  certificateArn: string | undefined;
  /** Subscribed to the failure alarm topic when set. */
  alarmEmail: string | undefined;
  /** CloudWatch Logs retention of the ingest function and log-bucket expiry, in days. */
  logRetentionDays: number;
  /** Reserved concurrency of the ingest function; `undefined` = unreserved (account pool, the default). */
  reservedConcurrency: number | undefined;
  /**
   * Most ingest runs at once: the SQS event source mapping's maximum concurrency (2–1000). Uploads beyond it wait in
   * the queue (not throttled, so never counted as failed receives).
   */
  ingestConcurrency: number;
  /** Largest upload the function accepts (bytes). */
  maxUploadBytes: number;
}

export const DEFAULTS = {
  stage: 'prod',
  logRetentionDays: 365,
  ingestConcurrency: 50,
} as const;

/** Values accepted by CloudWatch Logs (`RetentionInDays`). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export class InfraConfigError extends Error {
  override name = 'InfraConfigError';
}

type ContextGetter = (key: string) => unknown;

function optionalString(get: ContextGetter, key: string): string | undefined {
  const value = get(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new InfraConfigError(`${key} must be a string, got ${JSON.stringify(value)}`);
  return value.trim() || undefined;
}

/** Context values given with `-c key=value` arrive as strings: accept numbers written either way. */
function optionalInteger(get: ContextGetter, key: string): number | undefined {
  const value = get(key);
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n)) throw new InfraConfigError(`${key} must be an integer, got ${JSON.stringify(value)}`);
  return n;
}

/** `gongkai:units` gave one IAM policy per unit (which stopped at ~200 units); it is refused with the replacement. */
function refuseUnits(value: unknown): void {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return;
  throw new InfraConfigError(
    `${CONTEXT.units} is no longer used: every unit gets the same attribute-based policy (gongkai-<stage>-unit-upload) and is named by its gongkai-unit principal tag. Remove ${CONTEXT.units} and tag each unit's identity instead (README, "Giving a unit upload rights").`,
  );
}

function parseReservedConcurrency(get: ContextGetter): number | undefined {
  const raw = get(CONTEXT.reservedConcurrency);
  if (raw === undefined || raw === null || raw === '' || raw === 'none' || raw === false || raw === 'false')
    return undefined;
  const value = optionalInteger(get, CONTEXT.reservedConcurrency) as number;
  if (value < 1 || value > 1000) {
    throw new InfraConfigError(`${CONTEXT.reservedConcurrency} must be 1-1000 or "none", got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** Checks the combined configuration; also used for values passed as props. */
export function validateConfig(config: GongkaiConfig): GongkaiConfig {
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,23}$/.test(config.stage)) {
    throw new InfraConfigError(
      `${CONTEXT.stage} must be 1-24 ASCII letters, digits or "-" (it is part of stack names), got "${config.stage}"`,
    );
  }
  if ((config.domainName === undefined) !== (config.certificateArn === undefined)) {
    throw new InfraConfigError(`${CONTEXT.domainName} and ${CONTEXT.certificateArn} must be set together`);
  }
  if (
    config.domainName !== undefined &&
    !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(config.domainName)
  ) {
    throw new InfraConfigError(`${CONTEXT.domainName} is not a domain name: "${config.domainName}"`);
  }
  if (
    config.certificateArn !== undefined &&
    !/^arn:aws[\w-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/.test(config.certificateArn)
  ) {
    throw new InfraConfigError(
      `${CONTEXT.certificateArn} must be an ACM certificate ARN in us-east-1 (CloudFront only uses certificates from us-east-1), got "${config.certificateArn}"`,
    );
  }
  if (config.alarmEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(config.alarmEmail)) {
    throw new InfraConfigError(`${CONTEXT.alarmEmail} is not an e-mail address: "${config.alarmEmail}"`);
  }
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(config.logRetentionDays)) {
    throw new InfraConfigError(
      `${CONTEXT.logRetentionDays} must be one of ${LOG_RETENTION_DAYS.join(', ')}, got ${config.logRetentionDays}`,
    );
  }
  if (!Number.isInteger(config.maxUploadBytes) || config.maxUploadBytes <= 0) {
    throw new InfraConfigError(`${CONTEXT.maxUploadBytes} must be a positive integer, got ${config.maxUploadBytes}`);
  }
  if (!Number.isInteger(config.ingestConcurrency) || config.ingestConcurrency < 2 || config.ingestConcurrency > 1000) {
    throw new InfraConfigError(
      `${CONTEXT.ingestConcurrency} must be an integer from 2 to 1000 (SQS maximum concurrency), got ${config.ingestConcurrency}`,
    );
  }
  if (config.reservedConcurrency !== undefined && config.reservedConcurrency < config.ingestConcurrency) {
    throw new InfraConfigError(
      `${CONTEXT.reservedConcurrency} (${config.reservedConcurrency}) is below ${CONTEXT.ingestConcurrency} (${config.ingestConcurrency}): Lambda would throttle the queue's pollers and count throttled receives towards the dead-letter redrive. Lower ${CONTEXT.ingestConcurrency} or raise (or remove) the reservation.`,
    );
  }
  return config;
}

/**
 * Reads the configuration from context (`get` is usually `(k) => app.node.tryGetContext(k)`); `overrides` (props)
 * win over context.
 */
export function parseConfig(get: ContextGetter, overrides: Partial<GongkaiConfig> = {}): GongkaiConfig {
  const fromContext: GongkaiConfig = {
    stage: optionalString(get, CONTEXT.stage) ?? DEFAULTS.stage,
    domainName: optionalString(get, CONTEXT.domainName)?.toLowerCase(),
    certificateArn: optionalString(get, CONTEXT.certificateArn),
    alarmEmail: optionalString(get, CONTEXT.alarmEmail),
    logRetentionDays: optionalInteger(get, CONTEXT.logRetentionDays) ?? DEFAULTS.logRetentionDays,
    reservedConcurrency: parseReservedConcurrency(get),
    ingestConcurrency: optionalInteger(get, CONTEXT.ingestConcurrency) ?? DEFAULTS.ingestConcurrency,
    maxUploadBytes: optionalInteger(get, CONTEXT.maxUploadBytes) ?? DEFAULT_MAX_UPLOAD_BYTES,
  };
  refuseUnits(get(CONTEXT.units));
  const merged = { ...fromContext };
  for (const [key, value] of Object.entries(overrides)) {
    // An explicit `reservedConcurrency: undefined` means "unreserved"; other undefined props mean "not overridden".
    if (value !== undefined || key === 'reservedConcurrency') (merged as Record<string, unknown>)[key] = value;
  }
  return validateConfig(merged);
}
