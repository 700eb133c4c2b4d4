/**
 * The IAM policy reporting units (单位) need to upload their workbooks and read their own reports — nothing else —
 * as ONE attribute-based policy for every unit: its resources name the unit through the principal tag
 * `gongkai-unit` (`uploads/${aws:PrincipalTag/gongkai-unit}/*`), so onboarding a unit creates no IAM resource and
 * the deployed templates are the same for 10 units or 50,000 (IAM allows 1,500 customer-managed policies per
 * account, CloudFormation 500 resources per stack: a policy per unit stopped at ~200 units).
 *
 * The tag comes with the unit's session: an IAM Identity Center / SAML attribute
 * `https://aws.amazon.com/SAML/Attributes/PrincipalTag:gongkai-unit`, a Cognito identity pool's principal-tag
 * mapping of a user-pool attribute the user cannot write (`custom:unit` → `gongkai-unit`), or an IAM user/role
 * tag set by the administrator (README, "Giving a unit upload rights").
 *
 * Pure: no aws-cdk-lib import, so the CLI (`units policy`) prints exactly the document the CDK `UnitUploadPolicy`
 * construct deploys.
 */

/** Key prefix units upload to; the ingest function is triggered for `uploads/….xlsx` only. */
export const UPLOADS_PREFIX = 'uploads/';
/** Key prefix the ingest function writes validation reports to (never triggers the function). */
export const REPORTS_PREFIX = 'reports/';

/** Unit codes are short ASCII so they are safe in S3 keys and as IAM tag values. */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** The principal tag naming the unit a session acts for. */
export const UNIT_TAG = 'gongkai-unit';
/** `${aws:PrincipalTag/gongkai-unit}`: IAM substitutes the session's tag value when it evaluates the policy. */
export const UNIT_TAG_VARIABLE = `\${aws:PrincipalTag/${UNIT_TAG}}`;

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
  Condition: Record<string, Record<string, string | string[]>>;
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
 * Allows the unit named by the caller's `gongkai-unit` principal tag to put objects under `uploads/{unit}/`, read
 * objects under `reports/{unit}/`, and list those two prefixes. No delete, no other unit's keys; a principal without
 * the tag is allowed nothing (`Null` condition), nor one whose tag is empty or holds a `/` (another unit's prefix).
 * Tag values are unit codes (1–32 of `A-Z a-z 0-9 _ -`): whoever sets them (the IdP's attribute, the identity
 * pool's mapping, the IAM administrator) is trusted to, and users must not be able to change them.
 */
export function unitUploadPolicyDocument(bucketName: string, options: UnitPolicyOptions = {}): UnitPolicyDocument {
  // A CDK token (`${Token[…]}`, resolved at deploy time) passes; a literal name must follow S3's naming rules.
  const isToken = typeof bucketName === 'string' && /^\$\{Token\[[\w.-]+\]\}$/.test(bucketName);
  if (!isToken && !(typeof bucketName === 'string' && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucketName))) {
    throw new Error(
      `Invalid bucket name ${JSON.stringify(bucketName)}: expected an S3 bucket name such as the UploadBucketName output`,
    );
  }
  const partition = options.partition ?? 'aws';
  const bucketArn = `arn:${partition}:s3:::${bucketName}`;
  const uploads = `${UPLOADS_PREFIX}${UNIT_TAG_VARIABLE}/`;
  const reports = `${REPORTS_PREFIX}${UNIT_TAG_VARIABLE}/`;
  const tag = `aws:PrincipalTag/${UNIT_TAG}`;
  // Tagged, and the tag is a plain code (no wildcard or separator that could reach another unit's prefix).
  const tagged = {
    Null: { [tag]: 'false' },
    StringNotLike: { [tag]: ['', '*/*'] },
  };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'UploadOwnWorkbooks',
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: `${bucketArn}/${uploads}*`,
        Condition: tagged,
      },
      {
        Sid: 'ReadOwnReports',
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: `${bucketArn}/${reports}*`,
        Condition: tagged,
      },
      {
        Sid: 'ListOwnPrefixes',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: bucketArn,
        Condition: { ...tagged, StringLike: { 's3:prefix': [`${uploads}*`, `${reports}*`] } },
      },
    ],
  };
}
