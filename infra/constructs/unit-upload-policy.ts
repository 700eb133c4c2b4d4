import { Aws, CfnOutput } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../nag.ts';
import { UNIT_TAG, unitUploadPolicyDocument } from '../unit-policy-document.ts';

export interface UnitUploadPolicyProps {
  uploadBucket: s3.IBucket;
  /** Part of the policy name `gongkai-<stage>-unit-upload`. */
  stage: string;
}

/**
 * The one customer-managed policy for every reporting unit (attribute-based): PutObject under
 * uploads/<its gongkai-unit tag>/, GetObject under reports/<tag>/, ListBucket on those two prefixes. Attach it to the
 * role units sign in to (IAM Identity Center permission set, SAML role, Cognito identity pool role) or to unit IAM
 * users; the session's `gongkai-unit` tag decides which unit. The document is the one the CLI prints.
 */
export class UnitUploadPolicy extends Construct {
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: UnitUploadPolicyProps) {
    super(scope, id);
    const json = unitUploadPolicyDocument(props.uploadBucket.bucketName, { partition: Aws.PARTITION });

    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      managedPolicyName: `gongkai-${props.stage}-unit-upload`,
      description: `gongkai: a reporting unit (principal tag ${UNIT_TAG}) may upload workbooks and read its own reports`,
      document: iam.PolicyDocument.fromJson(json),
    });

    for (const statement of json.Statement) {
      if (statement.Resource.endsWith('*')) {
        acknowledgeWildcardResource(
          this.policy,
          statement.Resource,
          `Scoped to the calling unit's own key prefix (${statement.Sid}), named by its ${UNIT_TAG} principal tag; object keys (year, file name) are chosen at upload time, so a prefix is the narrowest possible resource.`,
        );
      }
    }

    new CfnOutput(this, 'PolicyArn', {
      value: this.policy.managedPolicyArn,
      description: `Managed policy for every unit's role or user; the ${UNIT_TAG} principal tag names the unit`,
      exportName: `Gongkai-${props.stage}-UnitUploadPolicyArn`,
    });
  }
}
