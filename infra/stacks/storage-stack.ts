import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { createLogBucket, createPrivateBucket } from '../constructs/private-bucket.ts';
import { exportedValue } from './exports.ts';

export interface StorageStackProps extends StackProps {
  stage: string;
  logRetentionDays: number;
  /**
   * Origins of the unit upload page, allowed by the upload bucket's CORS rule to read S3's answer to a presigned
   * POST (issue 15). The grant's signed policy, not CORS, decides what may be uploaded.
   */
  uploadPageOrigins?: readonly string[];
}

/** What other stacks import from the storage stack (named CloudFormation exports). */
export interface StorageRefs {
  uploadBucketName: string;
  tableName: string;
}

/**
 * Stateful resources: the upload bucket (uploads/ and reports/) and the single DynamoDB table. Everything here is
 * retained on stack deletion; nothing here depends on the stateless stacks.
 */
export class StorageStack extends Stack {
  readonly uploadBucket: s3.Bucket;
  readonly table: dynamodb.Table;
  readonly refs: StorageRefs;

  constructor(scope: Construct, id: string, props: StorageStackProps) {
    super(scope, id, props);

    const accessLogs = createLogBucket(this, 'AccessLogBucket', { expireAfterDays: props.logRetentionDays });

    this.uploadBucket = createPrivateBucket(this, 'UploadBucket', {
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'upload-bucket/',
      ...(props.uploadPageOrigins && props.uploadPageOrigins.length > 0
        ? {
            cors: [
              {
                allowedMethods: [s3.HttpMethods.POST],
                allowedOrigins: [...props.uploadPageOrigins],
                allowedHeaders: [],
                maxAge: 3000,
              },
            ],
          }
        : {}),
      lifecycleRules: [
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(365),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const prefix = `Gongkai-${props.stage}`;
    this.refs = {
      uploadBucketName: exportedValue(this, 'UploadBucketName', this.uploadBucket.bucketName, {
        exportName: `${prefix}-UploadBucketName`,
        description: 'Bucket units upload to (uploads/<unit>/<year>/*.xlsx); reports are under reports/',
      }),
      tableName: exportedValue(this, 'TableName', this.table.tableName, {
        exportName: `${prefix}-TableName`,
        description: 'DynamoDB table (pk/sk); set GONGKAI_TABLE to this for the CLI',
      }),
    };
    new CfnOutput(this, 'Region', { value: this.region, description: 'Region of the deployment (AWS_REGION)' });
  }
}
