import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * Every bucket of the app: no public access of any kind, S3-managed encryption, TLS 1.2+ only (bucket policy denies
 * `aws:SecureTransport = false`), retained on stack deletion. Callers add versioning, lifecycle and logging.
 */
export function createPrivateBucket(scope: Construct, id: string, props: s3.BucketProps = {}): s3.Bucket {
  return new s3.Bucket(scope, id, {
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    ...props,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
  });
}

export interface LogBucketProps {
  /** Log objects are deleted after this many days. */
  expireAfterDays: number;
  /**
   * CloudFront standard logging writes with ACLs (the awslogsdelivery account gets FULL_CONTROL), so its target
   * bucket needs ACLs enabled: ObjectOwnership.OBJECT_WRITER. S3 server access logs use the bucket policy instead.
   */
  aclsForCloudFront?: boolean;
}

/** Destination of S3 server access logs (and CloudFront logs): private, encrypted, expiring. */
export function createLogBucket(scope: Construct, id: string, props: LogBucketProps): s3.Bucket {
  // No server access logging on the log buckets themselves (it would loop); cdk-nag's S1 recognises log targets.
  return createPrivateBucket(scope, id, {
    objectOwnership: props.aclsForCloudFront
      ? s3.ObjectOwnership.OBJECT_WRITER
      : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [
      {
        id: 'expire-logs',
        expiration: Duration.days(props.expireAfterDays),
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
  });
}
