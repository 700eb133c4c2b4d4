/**
 * The IAM policy a reporting unit (单位) needs to upload its workbooks and read its own reports — nothing else.
 *
 * Pure: no aws-cdk-lib import, so the CLI (`units policy`) can print exactly the document the CDK `UnitUploadPolicy`
 * construct deploys (the construct builds its policy from this function).
 */

/** Key prefix units upload to; the ingest function is triggered for `uploads/….xlsx` only. */
export const UPLOADS_PREFIX = 'uploads/';
/** Key prefix the ingest function writes validation reports to (never triggers the function). */
export const REPORTS_PREFIX = 'reports/';

/** Unit codes are short ASCII so they are safe in S3 keys, IAM policy names and CloudFormation ids. */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export class InvalidUnitCodeError extends Error {
  override name = 'InvalidUnitCodeError';
}

/** Throws a clear error unless `unitCode` is 1–32 characters of `A–Z a–z 0–9 _ -`. */
export function assertValidUnitCode(unitCode: unknown): asserts unitCode is string {
  if (typeof unitCode !== 'string' || !UNIT_CODE_PATTERN.test(unitCode)) {
    throw new InvalidUnitCodeError(
      `Invalid unit code ${JSON.stringify(unitCode)}: use 1-32 ASCII letters, digits, "_" or "-" (e.g. "A001" or "edu-bureau")`,
    );
  }
}

export interface UnitPolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string[]>>;
}

export interface UnitPolicyDocument {
  Version: '2012-10-17';
  Statement: UnitPolicyStatement[];
}

export interface UnitPolicyOptions {
  /** ARN partition: `aws` (default), `aws-cn`, `aws-us-gov`. The CDK construct passes the stack's partition. */
  partition?: string;
}

/**
 * Policy allowing one unit to put objects under `uploads/{unitCode}/`, read objects under `reports/{unitCode}/`, and
 * list those two prefixes only. No delete, no access to any other unit's keys.
 */
export function unitUploadPolicyDocument(
  bucketName: string,
  unitCode: string,
  options: UnitPolicyOptions = {},
): UnitPolicyDocument {
  assertValidUnitCode(unitCode);
  // A CDK token (`${Token[…]}`, resolved at deploy time) passes; a literal name must follow S3's naming rules.
  const isToken = typeof bucketName === 'string' && /^\$\{Token\[[\w.-]+\]\}$/.test(bucketName);
  if (!isToken && !(typeof bucketName === 'string' && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucketName))) {
    throw new Error(
      `Invalid bucket name ${JSON.stringify(bucketName)}: expected an S3 bucket name such as the UploadBucketName output`,
    );
  }
  const partition = options.partition ?? 'aws';
  const bucketArn = `arn:${partition}:s3:::${bucketName}`;
  const uploads = `${UPLOADS_PREFIX}${unitCode}/`;
  const reports = `${REPORTS_PREFIX}${unitCode}/`;
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'UploadOwnWorkbooks', Effect: 'Allow', Action: 's3:PutObject', Resource: `${bucketArn}/${uploads}*` },
      { Sid: 'ReadOwnReports', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucketArn}/${reports}*` },
      {
        Sid: 'ListOwnPrefixes',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: bucketArn,
        Condition: { StringLike: { 's3:prefix': [`${uploads}*`, `${reports}*`] } },
      },
    ],
  };
}
