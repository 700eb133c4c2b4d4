import { Stack, type StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { UnitUploadPolicy } from '../constructs/unit-upload-policy.ts';
import type { StorageRefs } from './storage-stack.ts';

export interface AccessStackProps extends StackProps {
  stage: string;
  storage: StorageRefs;
  /** Unit codes (validated); one managed policy each. */
  units: string[];
}

/** IAM for reporting units: one customer-managed upload policy per unit listed in `gongkai:units`. */
export class AccessStack extends Stack {
  readonly unitPolicies: Map<string, UnitUploadPolicy>;

  constructor(scope: Construct, id: string, props: AccessStackProps) {
    super(scope, id, props);
    const uploadBucket = s3.Bucket.fromBucketName(this, 'UploadBucket', props.storage.uploadBucketName);
    this.unitPolicies = new Map(
      props.units.map((unitCode) => [
        unitCode,
        new UnitUploadPolicy(this, `Unit-${unitCode}`, { unitCode, uploadBucket, stage: props.stage }),
      ]),
    );
  }
}
