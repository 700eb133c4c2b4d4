import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { UnitUploadPolicy } from '../../infra/constructs/unit-upload-policy.ts';
import {
  assertValidUnitCode,
  InvalidUnitCodeError,
  UNIT_TAG,
  UNIT_TAG_VARIABLE,
  type UnitPolicyDocument,
  unitUploadPolicyDocument,
} from '../../infra/unit-policy-document.ts';
import { render } from './helpers.ts';

/** IAM's string matching: `*` any run, `?` one character. */
function like(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(value);
}

/**
 * A small evaluator of this policy's Allow statements, as IAM evaluates them: `${aws:PrincipalTag/…}` replaced by the
 * session's tag (a missing tag matches nothing), then Null / StringLike / StringNotLike conditions.
 */
function allowed(
  doc: UnitPolicyDocument,
  request: { action: string; resource: string; tag?: string; prefix?: string },
): boolean {
  return doc.Statement.some((s) => {
    if (s.Action !== request.action) return false;
    if (s.Resource.includes(UNIT_TAG_VARIABLE) && request.tag === undefined) return false;
    const resource = s.Resource.replaceAll(UNIT_TAG_VARIABLE, request.tag ?? '');
    if (!like(resource, request.resource)) return false;
    const keys: Record<string, string | undefined> = {
      [`aws:PrincipalTag/${UNIT_TAG}`]: request.tag,
      's3:prefix': request.prefix,
    };
    for (const [op, conditions] of Object.entries(s.Condition)) {
      for (const [key, expected] of Object.entries(conditions)) {
        const values = [expected].flat();
        const actual = keys[key];
        if (op === 'Null' && (actual === undefined) !== (values[0] === 'true')) return false;
        const patterns = values.map((v) => v.replaceAll(UNIT_TAG_VARIABLE, request.tag ?? ''));
        if (op === 'StringLike' && (actual === undefined || !patterns.some((p) => like(p, actual)))) return false;
        if (op === 'StringNotLike' && actual !== undefined && patterns.some((p) => like(p, actual))) return false;
      }
    }
    return true;
  });
}

describe('unitUploadPolicyDocument: one attribute-based policy for every unit (printed by the CLI)', () => {
  const doc = unitUploadPolicyDocument('gongkai-uploads-123');
  const obj = (key: string) => `arn:aws:s3:::gongkai-uploads-123/${key}`;

  it('names the unit by the gongkai-unit principal tag, never by a code', () => {
    expect(UNIT_TAG_VARIABLE).toBe('$' + '{aws:PrincipalTag/gongkai-unit}');
    expect(doc.Statement.map((s) => [s.Sid, s.Action, s.Resource])).toEqual([
      ['UploadOwnWorkbooks', 's3:PutObject', `arn:aws:s3:::gongkai-uploads-123/uploads/${UNIT_TAG_VARIABLE}/*`],
      ['ReadOwnReports', 's3:GetObject', `arn:aws:s3:::gongkai-uploads-123/reports/${UNIT_TAG_VARIABLE}/*`],
      ['ListOwnPrefixes', 's3:ListBucket', 'arn:aws:s3:::gongkai-uploads-123'],
    ]);
    for (const s of doc.Statement) expect(s.Condition.Null).toEqual({ 'aws:PrincipalTag/gongkai-unit': 'false' });
    expect(JSON.stringify(doc)).not.toMatch(/Delete|s3:\*|"\*"/);
    expect(JSON.stringify(unitUploadPolicyDocument('bkt', { partition: 'aws-cn' }))).toContain('arn:aws-cn:s3:::bkt/');
  });

  it('lets a tagged unit upload and read only its own keys', () => {
    const a = { tag: 'A001' };
    expect(allowed(doc, { ...a, action: 's3:PutObject', resource: obj('uploads/A001/2023/x.xlsx') })).toBe(true);
    expect(allowed(doc, { ...a, action: 's3:GetObject', resource: obj('reports/A001/2023/u1.json') })).toBe(true);
    expect(allowed(doc, { ...a, action: 's3:PutObject', resource: obj('uploads/B002/2023/x.xlsx') })).toBe(false);
    expect(allowed(doc, { ...a, action: 's3:GetObject', resource: obj('reports/B002/2023/u1.json') })).toBe(false);
    expect(allowed(doc, { ...a, action: 's3:GetObject', resource: obj('uploads/A001/2023/x.xlsx') })).toBe(false);
    expect(allowed(doc, { ...a, action: 's3:PutObject', resource: obj('reports/A001/2023/u1.json') })).toBe(false);
    expect(allowed(doc, { ...a, action: 's3:PutObject', resource: obj('uploads/A0012/2023/x.xlsx') })).toBe(false);
    const list = { ...a, action: 's3:ListBucket', resource: 'arn:aws:s3:::gongkai-uploads-123' };
    expect(allowed(doc, { ...list, prefix: 'uploads/A001/2023/' })).toBe(true);
    expect(allowed(doc, { ...list, prefix: 'reports/A001/' })).toBe(true);
    expect(allowed(doc, { ...list, prefix: 'uploads/' })).toBe(false);
    expect(allowed(doc, { ...list, prefix: 'reports/B002/' })).toBe(false);
  });

  it('allows nothing to an untagged principal, an empty tag or a tag reaching into another prefix', () => {
    for (const tag of [undefined, '', 'A001/../B002', 'B002/x']) {
      const r = (action: string, key: string) =>
        allowed(doc, { action, resource: obj(key), ...(tag === undefined ? {} : { tag }) });
      expect(r('s3:PutObject', 'uploads/B002/x/y.xlsx'), String(tag)).toBe(false);
      expect(r('s3:PutObject', `uploads/${tag ?? ''}/2023/y.xlsx`), String(tag)).toBe(false);
      expect(r('s3:GetObject', 'reports/B002/x/y.json'), String(tag)).toBe(false);
    }
  });

  it('refuses odd bucket names; unit codes are short ASCII (the tag values)', () => {
    expect(() => unitUploadPolicyDocument('bucket/x')).toThrow(/Invalid bucket name/);
    expect(() => unitUploadPolicyDocument('')).toThrow(/Invalid bucket name/);
    expect(() => unitUploadPolicyDocument('My_Bucket')).toThrow(/Invalid bucket name/);
    for (const bad of ['', 'a b', 'a/b', '../x', 'a*', '单位', 'x'.repeat(33)]) {
      expect(() => assertValidUnitCode(bad), bad).toThrow(InvalidUnitCodeError);
    }
  });
});

describe('UnitUploadPolicy construct', () => {
  it('deploys exactly the document the CLI prints, under one name for all units', () => {
    const stack = new Stack(new App(), 'Test');
    const bucket = s3.Bucket.fromBucketName(stack, 'Bucket', 'gongkai-uploads-123');
    new UnitUploadPolicy(stack, 'Unit', { uploadBucket: bucket, stage: 'prod' });
    const policies = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'));
    expect(policies).toHaveLength(1);
    const props = policies[0]?.Properties as {
      ManagedPolicyName: string;
      PolicyDocument: { Statement: { Resource: unknown }[] };
    };
    expect(props.ManagedPolicyName).toBe('gongkai-prod-unit-upload');
    const deployed = {
      ...props.PolicyDocument,
      Statement: props.PolicyDocument.Statement.map((s) => ({ ...s, Resource: render(s.Resource) })),
    };
    expect(deployed).toEqual(unitUploadPolicyDocument('gongkai-uploads-123'));
  });
});
