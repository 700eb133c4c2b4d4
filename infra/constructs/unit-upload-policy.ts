import { Aws, CfnOutput } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag.ts';
import { assertValidUnitCode, unitUploadPolicyDocument } from '../unit-policy-document.ts';

export interface UnitUploadPolicyProps {
  unitCode: string;
  uploadBucket: s3.IBucket;
  /** Part of the policy name `gongkai-<stage>-unit-<code>`. */
  stage: string;
}

/**
 * Customer-managed policy for one unit: PutObject under uploads/<code>/, GetObject under reports/<code>/, ListBucket
 * on those two prefixes. Attach it to the unit's IAM user or role. The document is the one the CLI prints
 * (`unitUploadPolicyDocument`), with the deployed bucket name and partition filled in.
 */
export class UnitUploadPolicy extends Construct {
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: UnitUploadPolicyProps) {
    super(scope, id);
    assertValidUnitCode(props.unitCode);
    const json = unitUploadPolicyDocument(props.uploadBucket.bucketName, props.unitCode, { partition: Aws.PARTITION });

    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      managedPolicyName: `gongkai-${props.stage}-unit-${props.unitCode}`,
      description: `gongkai: unit ${props.unitCode} may upload workbooks and read its own reports`,
      document: iam.PolicyDocument.fromJson(json),
    });

    for (const statement of json.Statement) {
      if (statement.Resource.endsWith('*')) {
        acknowledgeWildcardResource(
          this.policy,
          statement.Resource,
          `Scoped to unit ${props.unitCode}'s own key prefix (${statement.Sid}); object keys (year, file name, upload id) are chosen at upload time, so a prefix is the narrowest possible resource.`,
        );
      }
    }

    new CfnOutput(this, 'PolicyArn', {
      value: this.policy.managedPolicyArn,
      description: `Managed policy to attach to unit ${props.unitCode}'s IAM user or role`,
    });
  }
}
