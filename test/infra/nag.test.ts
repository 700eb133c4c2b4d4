import { type App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { wildcardResourceFinding } from '../../infra/nag.ts';
import { buildTestApp } from './helpers.ts';

type Report = ReturnType<AwsSolutionsChecks['validateScope']>;
const summary = (report: Report) =>
  report.violations.map(
    (v) => `${v.severity} ${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
  );

type Ack = { path: string; id: string; reason: string };

/** Every acknowledgement recorded in the construct tree (the metadata cdk-nag reads), with the construct path. */
function acknowledgementsOf(app: App): Ack[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

/** Builds with `Validations.acknowledge` turned into a no-op (test only), to see the raw findings. */
function buildWithoutAcknowledgements(build: () => App): App {
  const validations = Object.getPrototypeOf(Validations.of(new Stack())) as {
    acknowledge: (...rules: unknown[]) => void;
  };
  const original = validations.acknowledge;
  validations.acknowledge = () => {};
  try {
    return build();
  } finally {
    validations.acknowledge = original;
  }
}

describe('cdk-nag AwsSolutions over the whole app', () => {
  let app: App;
  let acks: Ack[];

  beforeAll(() => {
    app = buildTestApp().app;
    app.synth();
    acks = acknowledgementsOf(app);
  });

  it('reports no unacknowledged error or warning', () => {
    const report = new AwsSolutionsChecks(app).validateScope(app);
    expect(summary(report)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('every acknowledgement names one finding and gives a specific reason', () => {
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(ack.reason.length, ack.id).toBeGreaterThan(60);
    }
    // No blanket IAM5: each wildcard is acknowledged by its exact resource.
    expect(acks.map((a) => a.id)).not.toContain('AwsSolutions-IAM5');
    expect(
      acks
        .filter((a) => a.id.startsWith('AwsSolutions-IAM5'))
        .map((a) => a.id)
        .sort(),
    ).toEqual([
      // The ingest function and the index rebuild function write pages.
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::Gongkai-prod-SiteBucketName/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::Gongkai-prod-SiteBucketName/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::Gongkai-prod-UploadBucketName/admin/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::Gongkai-prod-UploadBucketName/reports/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::Gongkai-prod-UploadBucketName/reports/*]',
      // The one attribute-based unit policy: the unit's prefix is its principal tag.
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::Gongkai-prod-UploadBucketName/reports/<aws:PrincipalTag/gongkai-unit>/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::Gongkai-prod-UploadBucketName/uploads/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::Gongkai-prod-UploadBucketName/uploads/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::Gongkai-prod-UploadBucketName/uploads/<aws:PrincipalTag/gongkai-unit>/*]',
    ]);
  });

  it('every acknowledgement is needed: without them exactly the acknowledged findings are reported', () => {
    const bare = buildWithoutAcknowledgements(() => buildTestApp().app);
    bare.synth();
    expect(acknowledgementsOf(bare)).toEqual([]);
    const findings = new AwsSolutionsChecks(bare).validateScope(bare).violations.map((v) => v.ruleName);
    expect([...new Set(findings)].sort()).toEqual([...new Set(acks.map((a) => a.id))].sort());
  });

  it('the default certificate (CFR4) is acknowledged only without a custom domain', () => {
    expect(acks.filter((a) => a.id === 'AwsSolutions-CFR4').map((a) => a.path)).toEqual([
      'Gongkai-prod-Site/Site/Distribution',
    ]);
    const custom = buildTestApp({
      'gongkai:domainName': 'gongkai.example.org',
      'gongkai:certificateArn': 'arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234',
    }).app;
    custom.synth();
    expect(acknowledgementsOf(custom).map((a) => a.id)).not.toContain('AwsSolutions-CFR4');
    expect(summary(new AwsSolutionsChecks(custom).validateScope(custom))).toEqual([]);
  });

  it('a new unacknowledged finding fails the check', () => {
    const { app: extra, stacks } = buildTestApp();
    stacks.pipeline.ingest.fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:DeleteObject'], resources: ['arn:aws:s3:::someone-elses-bucket/*'] }),
    );
    extra.synth();
    const report = new AwsSolutionsChecks(extra).validateScope(extra);
    expect(report.success).toBe(false);
    expect(summary(report)).toEqual([
      'error AwsSolutions-IAM5[Resource::arn:aws:s3:::someone-elses-bucket/*] @ Gongkai-prod-Pipeline/Ingest/Role/DefaultPolicy/Resource',
    ]);
    expect(wildcardResourceFinding(stacks.pipeline, 'arn:aws:s3:::someone-elses-bucket/*')).toBe(
      'AwsSolutions-IAM5[Resource::arn:aws:s3:::someone-elses-bucket/*]',
    );
  });
});
