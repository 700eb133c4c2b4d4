import { CfnOutput, Fn } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/**
 * Outputs `value` under a stable, readable export name and returns the `Fn::ImportValue` for consumer stacks.
 *
 * Named exports (instead of CDK's automatic cross-stack references) keep the stateless stacks decoupled from the
 * stateful stack's logical ids and make the cdk-nag finding ids of the consumers' IAM statements readable and stable
 * (`arn:<AWS::Partition>:s3:::Gongkai-prod-UploadBucketName/uploads/*`). Consumers must `addDependency` on the producer.
 * Only use the returned token in OTHER stacks.
 */
export function exportedValue(
  scope: Construct,
  id: string,
  value: string,
  options: { exportName: string; description: string },
): string {
  new CfnOutput(scope, id, { value, exportName: options.exportName, description: options.description });
  return Fn.importValue(options.exportName);
}
