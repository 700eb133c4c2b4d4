import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { GongkaiConfig } from '../../infra/config.ts';
import { buildGongkaiStacks, type GongkaiStacks } from '../../infra/gongkai-app.ts';

/** `aws:cdk:bundling-stacks: []` skips esbuild: a synth takes well under a second. */
export function buildTestApp(
  context: Record<string, unknown> = {},
  overrides: Partial<GongkaiConfig> = {},
): { app: App; stacks: GongkaiStacks } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [], ...context } });
  const stacks = buildGongkaiStacks(app, overrides);
  return { app, stacks };
}

export type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; [key: string]: unknown }>;

export function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Condition?: unknown;
  Sid?: string;
}

export const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Every IAM statement of a template: AWS::IAM::Policy, AWS::IAM::ManagedPolicy and roles' inline policies. */
export function iamStatements(template: Template): { logicalId: string; statement: Statement }[] {
  const out: { logicalId: string; statement: Statement }[] = [];
  const add = (logicalId: string, document: unknown) => {
    for (const statement of asArray((document as { Statement?: Statement | Statement[] }).Statement)) {
      out.push({ logicalId, statement });
    }
  };
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const [id, r] of Object.entries(resourcesOf(template, type))) add(id, r.Properties.PolicyDocument);
  }
  for (const [id, r] of Object.entries(resourcesOf(template, 'AWS::IAM::Role'))) {
    for (const p of asArray(r.Properties.Policies as { PolicyDocument: unknown }[] | undefined))
      add(id, p.PolicyDocument);
  }
  return out;
}

/**
 * Renders a CloudFormation value as text the way an ARN reads: `{Ref: AWS::Partition}` → `aws`,
 * `{Fn::ImportValue: X}` → `<X>`, `Fn::Join` joined, other refs as `<LogicalId>`.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (v.Ref === 'AWS::Partition') return 'aws';
    if (typeof v.Ref === 'string') return `<${v.Ref}>`;
    if ('Fn::ImportValue' in v) return `<${render(v['Fn::ImportValue'])}>`;
    if ('Fn::GetAtt' in v) return `<${(v['Fn::GetAtt'] as string[]).join('.')}>`;
    if ('Fn::Join' in v) {
      const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(sep);
    }
  }
  return JSON.stringify(value);
}
