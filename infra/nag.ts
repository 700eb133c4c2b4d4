/**
 * cdk-nag v3 acknowledgements. Every acknowledgement goes through these helpers so it carries a specific reason and
 * sits on the narrowest construct (an acknowledgement applies to the construct and everything below it).
 */
import { Stack, Validations } from 'aws-cdk-lib';
// cdk-nag renders IAM5 findings with this function; using it keeps our finding ids identical to the rule's.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { IConstruct } from 'constructs';

export function acknowledge(scope: IConstruct, id: string, reason: string): void {
  if (reason.trim().length < 20) throw new Error(`Acknowledgement of ${id} needs a specific reason`);
  Validations.of(scope).acknowledge({ id, reason });
}

/** The IAM5 finding id cdk-nag reports for an Allow statement on `resource` (e.g. `arn:…:s3:::bucket/uploads/*`). */
export function wildcardResourceFinding(scope: IConstruct, resource: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(resource))}]`;
}

/**
 * Acknowledges the IAM5 finding of one wildcard resource, on the role/policy that holds the statement.
 * Only for resources whose `*` is a key-prefix scope (`…/uploads/*`), never for a bare `*`.
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  acknowledge(scope, wildcardResourceFinding(scope, resource), reason);
}
