import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleS3Event } from '../../functions/ingest/handler.ts';
import { siteRenderer } from '../../shared/site/index.ts';
import { validateWorkbook } from '../../shared/validate-workbook.ts';
import { seedBytes } from '../helpers/seed.ts';
import { CJK, type MemoryEnv, memoryEnv, UNIT } from '../hostile/memory-env.ts';

/**
 * (b) Parsing is total: any bytes given as a workbook end in a report — random bytes, and the seed truncated or with
 * bytes flipped anywhere in the zip (compressed data, local headers, central directory). No exception escapes the
 * validator or the S3 event handler, every message is Chinese, and a broken copy never replaces the publication.
 */

let seed: Buffer;
let env: MemoryEnv;

beforeAll(async () => {
  seed = await seedBytes();
  env = await memoryEnv(siteRenderer);
  const [first] = await handleS3Event(env.upload('uploads/101017/2023/seed.xlsx', seed), env.deps);
  expect(first?.status).toBe('published');
});

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; flips: [number, number][] }
  | { kind: 'flip-directory'; flips: [number, number][] };

/** The seed with bytes XOR-ed at positions (fractions of its length, or from its end), or cut at a fraction. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    flips: fc.array(
      fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 1, max: 255 })),
      {
        minLength: 1,
        maxLength: 8,
      },
    ),
  }),
  fc.record({
    // The last ~600 bytes hold the central directory and its end record: the parts a zip reader trusts first.
    kind: fc.constant('flip-directory' as const),
    flips: fc.array(fc.tuple(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 255 })), {
      minLength: 1,
      maxLength: 4,
    }),
  }),
);

function mutate(m: Mutation): Buffer {
  if (m.kind === 'truncate') return Buffer.from(seed.subarray(0, Math.floor(seed.length * m.at)));
  const out = Buffer.from(seed);
  for (const [where, xor] of m.flips) {
    const i = m.kind === 'flip' ? Math.floor(where * out.length) : out.length - where;
    out[i] = (out[i] ?? 0) ^ xor;
  }
  return out;
}

async function expectReport(bytes: Uint8Array): Promise<void> {
  const { report } = await validateWorkbook(bytes, { unitName: UNIT.name, year: 2023 });
  expect(['accepted', 'rejected']).toContain(report.status);
  for (const f of report.findings) expect(f.message).toMatch(CJK);
  if (report.status === 'rejected') expect(report.findings.some((f) => f.severity === 'error')).toBe(true);
}

describe('parsing is total', () => {
  it('random bytes: a rejected report with F-01', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (bytes) => {
        const { report } = await validateWorkbook(bytes);
        expect(report.status).toBe('rejected');
        expect(report.findings.map((f) => f.rule)).toEqual(['F-01']);
        expect(report.findings[0]?.message).toMatch(CJK);
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes after the zip signature: a rejected report', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), async (tail) => {
        const { report } = await validateWorkbook(Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), tail]));
        expect(report.status).toBe('rejected');
        expect(report.findings[0]?.rule).toBe('F-01');
      }),
      { numRuns: 100 },
    );
  });

  it('the seed truncated or with bytes flipped: always a report from the validator', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        await expectReport(mutate(m));
      }),
      { numRuns: 60 },
    );
  });

  it('the same through the S3 event handler: a report for every upload, the publication kept unless accepted', async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        const before = await env.store.getCurrent(UNIT.code, 2023);
        const calls = env.validations.length;
        const outcomes = await handleS3Event(env.upload('uploads/101017/2023/mutated.xlsx', mutate(m)), env.deps);
        expect(outcomes).toHaveLength(1);
        const outcome = outcomes[0];
        expect(env.validations[calls]?.thrown ?? null).toBeNull();
        expect(env.reports.reports.has(outcome?.reportPath ?? '')).toBe(true);
        expect(['published', 'rejected']).toContain(outcome?.status);
        const after = await env.store.getCurrent(UNIT.code, 2023);
        if (outcome?.status === 'rejected') expect(after).toEqual(before);
        else expect(after?.version).toBe(outcome?.uploadId);
      }),
      { numRuns: 30 },
    );
  });
});
