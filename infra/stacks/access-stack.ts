import { Stack, type StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { UnitUploadPolicy } from '../constructs/unit-upload-policy.ts';
import type { StorageRefs } from './storage-stack.ts';

export interface AccessStackProps extends StackProps {
  stage: string;
  storage: StorageRefs;
}

/**
 * IAM for reporting units: one attribute-based upload policy for all of them (the `gongkai-unit` principal tag names
 * the unit). Registering a unit changes nothing here: the template is the same for 10 units or 50,000.
 */
export class AccessStack extends Stack {
  readonly unitPolicy: UnitUploadPolicy;

  constructor(scope: Construct, id: string, props: AccessStackProps) {
    super(scope, id, props);
    const uploadBucket = s3.Bucket.fromBucketName(this, 'UploadBucket', props.storage.uploadBucketName);
    this.unitPolicy = new UnitUploadPolicy(this, 'UnitUpload', { uploadBucket, stage: props.stage });
  }
}
