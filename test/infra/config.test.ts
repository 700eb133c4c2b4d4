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
      reservedConcurrency: undefined,
      ingestConcurrency: 50,
      maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
    });
  });

  it('accepts command-line strings (-c key=value) as well as JSON values', () => {
    const config = parseConfig(
      from({
        [CONTEXT.stage]: 'test-1',
        [CONTEXT.logRetentionDays]: '30',
        [CONTEXT.reservedConcurrency]: '80',
        [CONTEXT.ingestConcurrency]: '60',
        [CONTEXT.maxUploadBytes]: 5_000_000,
        [CONTEXT.alarmEmail]: 'ops@example.org',
      }),
    );
    expect(config).toMatchObject({
      stage: 'test-1',
      logRetentionDays: 30,
      reservedConcurrency: 80,
      ingestConcurrency: 60,
      maxUploadBytes: 5_000_000,
      alarmEmail: 'ops@example.org',
    });
    expect(parseConfig(from({ [CONTEXT.reservedConcurrency]: 'none' })).reservedConcurrency).toBeUndefined();
  });

  it('refuses gongkai:units (one attribute-based policy replaced the per-unit ones), saying what to do', () => {
    expect(() => parseConfig(from({ [CONTEXT.units]: ['A001'] }))).toThrow(/gongkai-unit principal tag/);
    expect(() => parseConfig(from({ [CONTEXT.units]: 'A001,B002' }))).toThrow(InfraConfigError);
    expect(parseConfig(from({ [CONTEXT.units]: [] })).stage).toBe('prod');
  });

  it('keeps a reservation from throttling the queue: reserved concurrency ≥ ingest concurrency', () => {
    expect(() => parseConfig(from({ [CONTEXT.reservedConcurrency]: 10 }))).toThrow(/gongkai:ingestConcurrency/);
    expect(parseConfig(from({ [CONTEXT.reservedConcurrency]: 10, [CONTEXT.ingestConcurrency]: 8 }))).toMatchObject({
      reservedConcurrency: 10,
      ingestConcurrency: 8,
    });
    expect(() => parseConfig(from({ [CONTEXT.ingestConcurrency]: 1 }))).toThrow(/from 2 to 1000/);
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
      [{ [CONTEXT.ingestConcurrency]: 5000 }, /gongkai:ingestConcurrency/],
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
    expect(parseConfig(from({}), { ingestConcurrency: 20 }).ingestConcurrency).toBe(20);
    expect(() => parseConfig(from({}), { ingestConcurrency: 0 })).toThrow(/gongkai:ingestConcurrency/);
  });
});
