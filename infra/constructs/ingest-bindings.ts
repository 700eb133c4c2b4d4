/**
 * Each binding sets the environment variable the function reads (names from shared/config.ts `ENV`) AND grants the
 * least privilege that goes with it, in one call — so a variable never exists without its permission or vice versa.
 * IAM5 acknowledgements for prefix wildcards are made here, next to the statement they concern.
 */
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { ENV } from '../../shared/config.ts';
import { acknowledgeWildcardResource } from '../nag.ts';
import { REPORTS_PREFIX, UPLOADS_PREFIX } from '../unit-policy-document.ts';

function roleOf(fn: lambda.Function): iam.IRole {
  if (fn.role === undefined) throw new Error(`${fn.node.path} has no execution role`);
  return fn.role;
}

/**
 * UPLOAD_BUCKET: read uploads/* (incl. the exact version in the event), write reports/* and admin/*, list key names.
 * No delete.
 * ListBucket makes S3 answer a deleted upload with NoSuchKey (handled: nothing to publish) instead of AccessDenied
 * (which would be retried into the failure queue); it shows key names only, never content.
 */
export function bindUploadBucket(fn: lambda.Function, bucket: s3.IBucket): void {
  fn.addEnvironment(ENV.uploadBucket, bucket.bucketName);
  const uploads = bucket.arnForObjects(`${UPLOADS_PREFIX}*`);
  const reports = bucket.arnForObjects(`${REPORTS_PREFIX}*`);
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'ReadUploads',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      resources: [uploads],
    }),
  );
  fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'WriteReports', actions: ['s3:PutObject'], resources: [reports] }));
  // The finance bureau's private status report (issue 13), refreshed after every upload; units cannot read admin/.
  const admin = bucket.arnForObjects('admin/*');
  fn.addToRolePolicy(
    new iam.PolicyStatement({ sid: 'WriteAdminReport', actions: ['s3:PutObject'], resources: [admin] }),
  );
  fn.addToRolePolicy(
    new iam.PolicyStatement({ sid: 'ListUploadKeys', actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
  );
  const role = roleOf(fn);
  acknowledgeWildcardResource(
    role,
    uploads,
    'The function reads whichever workbook a unit uploaded; object keys are only known at run time, so read access is scoped to the uploads/ prefix (no delete, no list).',
  );
  acknowledgeWildcardResource(
    role,
    reports,
    'The function writes one report per upload under reports/<unit>/<year>/<uploadId>.html; keys are only known at run time, so write access is scoped to the reports/ prefix.',
  );
  acknowledgeWildcardResource(
    role,
    admin,
    'The function rewrites the private status report of the year of each upload under admin/<year>/status.html|.csv|.json; the year is only known at run time, so write access is scoped to the admin/ prefix (no read, no delete).',
  );
}

/** SITE_BUCKET + SITE_BASE_URL: the function (re)writes the generated pages. */
export function bindSiteBucket(fn: lambda.Function, bucket: s3.IBucket, siteUrl: string): void {
  fn.addEnvironment(ENV.siteBucket, bucket.bucketName);
  fn.addEnvironment(ENV.siteBaseUrl, siteUrl);
  const pages = bucket.arnForObjects('*');
  // Write only: the function renders pages from DynamoDB and never reads the site back.
  fn.addToRolePolicy(new iam.PolicyStatement({ sid: 'WriteSitePages', actions: ['s3:PutObject'], resources: [pages] }));
  acknowledgeWildcardResource(
    roleOf(fn),
    pages,
    'The site bucket is dedicated to the generated site and the function may regenerate any page of it (index, unit and year pages) on a publication, so all its objects are the scope. Write only, no read, no delete.',
  );
}

/**
 * TABLE_NAME: item reads, puts and updates (the atomic ADD of index change counters) on the one table; no delete or
 * Scan, no table management.
 */
export function bindTable(fn: lambda.Function, table: dynamodb.ITable): void {
  fn.addEnvironment(ENV.tableName, table.tableName);
  fn.addToRolePolicy(
    new iam.PolicyStatement({
      sid: 'TableItems',
      actions: [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:Query',
        'dynamodb:BatchWriteItem',
      ],
      resources: [table.tableArn],
    }),
  );
}

/** INDEX_QUEUE_URL: send "department-year changed" (or "year changed") messages to the index rebuild queue. */
export function bindIndexQueue(fn: lambda.Function, queue: sqs.IQueue): void {
  fn.addEnvironment(ENV.indexQueueUrl, queue.queueUrl);
  queue.grantSendMessages(fn);
}

/** MAX_UPLOAD_BYTES: no permission attached. */
export function bindUploadLimit(fn: lambda.Function, maxUploadBytes: number): void {
  fn.addEnvironment(ENV.maxUploadBytes, String(maxUploadBytes));
}
