import { describe, expect, it } from 'vitest';
import { CONTEXT, InfraConfigError, parseConfig } from '../../infra/config.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../../shared/config.ts';

const from = (context: Record<string, unknown>) => (key: string) => context[key];

describe('infra configuration from context', () => {
  it('has production defaults', () => {
    expect(parseConfig(from({}))).toEqual({
      stage: 'prod',
      domainName: undefined,
      certificateArn: undefined,
      alarmEmail: undefined,
      logRetentionDays: 365,
      reservedConcurrency: 10,
      maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
      units: [],
    });
  });

  it('accepts command-line strings (-c key=value) as well as JSON values', () => {
    const config = parseConfig(
      from({
        [CONTEXT.stage]: 'test-1',
        [CONTEXT.logRetentionDays]: '30',
        [CONTEXT.reservedConcurrency]: '4',
        [CONTEXT.maxUploadBytes]: 5_000_000,
        [CONTEXT.units]: 'A001, edu-bureau',
        [CONTEXT.alarmEmail]: 'ops@example.org',
      }),
    );
    expect(config).toMatchObject({
      stage: 'test-1',
      logRetentionDays: 30,
      reservedConcurrency: 4,
      maxUploadBytes: 5_000_000,
      units: ['A001', 'edu-bureau'],
      alarmEmail: 'ops@example.org',
    });
    expect(parseConfig(from({ [CONTEXT.units]: '["B1","B2"]' })).units).toEqual(['B1', 'B2']);
    expect(parseConfig(from({ [CONTEXT.units]: ['C1'] })).units).toEqual(['C1']);
    expect(parseConfig(from({ [CONTEXT.reservedConcurrency]: 'none' })).reservedConcurrency).toBeUndefined();
  });

  it('rejects invalid unit codes with a clear message', () => {
    expect(() => parseConfig(from({ [CONTEXT.units]: ['A001', '教育局'] }))).toThrow(/Invalid unit code "教育局"/);
    expect(() => parseConfig(from({ [CONTEXT.units]: ['a/b'] }))).toThrow(/1-32 ASCII letters, digits/);
    expect(() => parseConfig(from({ [CONTEXT.units]: ['x'.repeat(33)] }))).toThrow(/Invalid unit code/);
    expect(() => parseConfig(from({ [CONTEXT.units]: ['a1', 'A1'] }))).toThrow(/differ only by case/);
    expect(() => parseConfig(from({ [CONTEXT.units]: { a: 1 } }))).toThrow(/must be an array/);
  });

  it('rejects inconsistent or malformed settings by context key', () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ [CONTEXT.stage]: 'prod_1' }, /gongkai:stage/],
      [{ [CONTEXT.domainName]: 'gongkai.example.org' }, /must be set together/],
      [
        {
          [CONTEXT.domainName]: 'gongkai.example.org',
          [CONTEXT.certificateArn]: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
        },
        /us-east-1/,
      ],
      [{ [CONTEXT.alarmEmail]: 'not-an-address' }, /gongkai:alarmEmail/],
      [{ [CONTEXT.logRetentionDays]: 42 }, /gongkai:logRetentionDays must be one of/],
      [{ [CONTEXT.logRetentionDays]: 'a year' }, /must be an integer/],
      [{ [CONTEXT.reservedConcurrency]: 0 }, /gongkai:reservedConcurrency/],
      [{ [CONTEXT.maxUploadBytes]: -1 }, /gongkai:maxUploadBytes/],
    ];
    for (const [context, message] of cases) {
      expect(() => parseConfig(from(context)), JSON.stringify(context)).toThrow(InfraConfigError);
      expect(() => parseConfig(from(context)), JSON.stringify(context)).toThrow(message);
    }
  });

  it('lets props override context, and validates them too', () => {
    expect(parseConfig(from({ [CONTEXT.stage]: 'a' }), { stage: 'b' }).stage).toBe('b');
    expect(parseConfig(from({}), { reservedConcurrency: undefined }).reservedConcurrency).toBeUndefined();
    expect(parseConfig(from({ [CONTEXT.units]: ['A1'] }), {}).units).toEqual(['A1']);
    expect(() => parseConfig(from({}), { units: ['bad code'] })).toThrow(/Invalid unit code/);
  });
});
