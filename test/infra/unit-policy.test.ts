import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { UnitUploadPolicy } from '../../infra/constructs/unit-upload-policy.ts';
import { InvalidUnitCodeError, unitUploadPolicyDocument } from '../../infra/unit-policy-document.ts';
import { render } from './helpers.ts';

describe('unitUploadPolicyDocument (pure, printed by the CLI)', () => {
  it('allows put on own uploads, get on own reports, list of those prefixes only', () => {
    expect(unitUploadPolicyDocument('gongkai-uploads-123', 'A001')).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'UploadOwnWorkbooks',
          Effect: 'Allow',
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::gongkai-uploads-123/uploads/A001/*',
        },
        {
          Sid: 'ReadOwnReports',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::gongkai-uploads-123/reports/A001/*',
        },
        {
          Sid: 'ListOwnPrefixes',
          Effect: 'Allow',
          Action: 's3:ListBucket',
          Resource: 'arn:aws:s3:::gongkai-uploads-123',
          Condition: { StringLike: { 's3:prefix': ['uploads/A001/*', 'reports/A001/*'] } },
        },
      ],
    });
    expect(JSON.stringify(unitUploadPolicyDocument('bkt', 'A001', { partition: 'aws-cn' }))).toContain(
      'arn:aws-cn:s3:::bkt/',
    );
  });

  it('never grants delete or another unit', () => {
    const text = JSON.stringify(unitUploadPolicyDocument('bkt', 'edu-bureau'));
    expect(text).not.toMatch(/Delete|s3:\*|"\*"/);
    expect(text.match(/(uploads|reports)\/[^/"]*/g)).toEqual([
      'uploads/edu-bureau',
      'reports/edu-bureau',
      'uploads/edu-bureau',
      'reports/edu-bureau',
    ]);
  });

  it('rejects unit codes that are not short ASCII, and odd bucket names', () => {
    for (const bad of ['', 'a b', 'a/b', '../x', 'a*', '单位', 'x'.repeat(33)]) {
      expect(() => unitUploadPolicyDocument('bucket', bad), bad).toThrow(InvalidUnitCodeError);
    }
    expect(() => unitUploadPolicyDocument('bucket', '单位')).toThrow(
      /Invalid unit code "单位": use 1-32 ASCII letters/,
    );
    expect(() => unitUploadPolicyDocument('bucket/x', 'A1')).toThrow(/Invalid bucket name/);
    expect(() => unitUploadPolicyDocument('', 'A1')).toThrow(/Invalid bucket name/);
    expect(() => unitUploadPolicyDocument('My_Bucket', 'A1')).toThrow(/Invalid bucket name/);
    expect(unitUploadPolicyDocument('bucket', `A_b-9${'z'.repeat(27)}`).Statement).toHaveLength(3);
  });
});

describe('UnitUploadPolicy construct', () => {
  it('deploys exactly the document the CLI prints', () => {
    const stack = new Stack(new App(), 'Test');
    const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'gongkai-uploads-123');
    new UnitUploadPolicy(stack, 'Unit', { unitCode: 'A001', uploadBucket: bucket, stage: 'prod' });
    const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'));
    expect(policies).toHaveLength(1);
    const props = policies[0]?.Properties as {
      ManagedPolicyName: string;
      PolicyDocument: { Statement: { Resource: unknown }[] };
    };
    expect(props.ManagedPolicyName).toBe('gongkai-prod-unit-A001');
    const deployed = {
      ...props.PolicyDocument,
      Statement: props.PolicyDocument.Statement.map((s) => ({ ...s, Resource: render(s.Resource) })),
    };
    expect(deployed).toEqual(unitUploadPolicyDocument('gongkai-uploads-123', 'A001'));
  });

  it('refuses an invalid unit code at synth time', () => {
    const stack = new Stack(new App(), 'Test');
    const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'bucket');
    expect(
      () => new UnitUploadPolicy(stack, 'Unit', { unitCode: 'no spaces', uploadBucket: bucket, stage: 'prod' }),
    ).toThrow(InvalidUnitCodeError);
  });
});
