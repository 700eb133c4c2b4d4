import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateWorkbook } from '../../shared/validate-workbook.ts';
import { DEFAULT_PACKAGE_LIMITS, inspectPackage } from '../../shared/workbook/inspect-package.ts';
import { runNodeChild } from '../helpers/node-child.ts';
import { SEED_PATH } from '../helpers/seed.ts';
import { CORPUS, lyingPlausibleBomb, RANGE_BOMBS } from './corpus.ts';
import { denseWorkbook } from './dense-workbook.ts';
import { CJK } from './memory-env.ts';

/**
 * Memory and time bounds of validation (docs/security-reliability.md):
 * - zip bombs and oversized packages are refused from the zip directory (and a streaming size check) in
 *   milliseconds — inflating even one of them would take seconds and gigabytes;
 * - the largest package the limits let through to exceljs stays under MEMORY_BOUND_MB of resident memory. The
 *   ingest function has 1024 MB; half of it is for validation, the rest for the runtime, SDK clients, the report
 *   and the pages of the publication, and garbage-collector headroom.
 */
const MEMORY_BOUND_MB = 512;
/**
 * Alone, each refusal takes 1–150 ms; the bound is generous for a busy 2-core CI machine and still far below what
 * inflating one of these would cost (seconds, and the gigabytes that end the process).
 */
const REFUSAL_MS = 1000;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-memory-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Measured {
  code: number | null;
  /** The child ended without a measurement (out-of-memory abort, or killed after CHILD_TIMEOUT_MS). */
  crashed?: string;
  aborted: boolean;
  status?: string;
  rules?: string[];
  messages?: string[];
  ms?: number;
  peakRssMb: number;
}

const CHILD_TIMEOUT_MS = 60_000;

/** Validates `file` in a child process whose heap is capped at `abortMb` (as a memory-sized function's would be). */
async function measure(file: string, abortMb: number): Promise<Measured> {
  const { code, signal, stderr, json } = await runNodeChild(
    [`--max-old-space-size=${abortMb}`, '--import', 'tsx', 'test/hostile/measure-rss.ts', file, String(abortMb)],
    CHILD_TIMEOUT_MS,
  );
  if (json !== undefined) return { code, ...(json as Omit<Measured, 'code'>) };
  const why = /heap out of memory|Allocation failed/.test(stderr) ? 'out of memory' : (signal ?? `exit ${code}`);
  return { code, crashed: why, aborted: true, peakRssMb: Number.NaN };
}

describe('zip bombs and oversized packages', () => {
  const refused = CORPUS.filter((c) => c.packageLevel);

  it.each(refused.map((c) => [c.id, c] as const))('%s is refused in milliseconds, before parsing', async (_id, c) => {
    const bytes = await c.build();
    expect((await inspectPackage(bytes)).ok).toBe(false);
    const started = performance.now();
    const { report } = await validateWorkbook(bytes);
    const ms = performance.now() - started;
    expect(report.findings.map((f) => f.rule)).toEqual(['F-01']);
    expect(ms).toBeLessThan(REFUSAL_MS);
  });
});

describe('a part that lies about its size', () => {
  it('is caught by the capped inflation although its declaration passes every limit', async () => {
    const bytes = await lyingPlausibleBomb();
    const started = performance.now();
    const verdict = await inspectPackage(bytes);
    expect(performance.now() - started).toBeLessThan(REFUSAL_MS);
    // Refused while inflating (capped at the declared size), not for what its header declares.
    expect(verdict).toMatchObject({ ok: false, reason: 'too-large' });
    expect(verdict.ok ? '' : verdict.message).toContain('实际大小与声明不符');
  });
});

describe(`peak memory of validation (bound ${MEMORY_BOUND_MB} MB)`, () => {
  it('is measured on the seed (the baseline of a real workbook)', async () => {
    const m = await measure(SEED_PATH, MEMORY_BOUND_MB);
    expect(m.aborted).toBe(false);
    expect(m.status).toBe('accepted');
    expect(m.peakRssMb).toBeLessThan(MEMORY_BOUND_MB / 2);
  }, 60_000);

  it.each(RANGE_BOMBS.map((c) => [c.id, c] as const))(
    '%s (a huge cell range in a tiny file) is refused without exhausting memory',
    async (_id, c) => {
      const file = join(dir, `${c.id}.xlsx`);
      writeFileSync(file, await c.build());
      const m = await measure(file, MEMORY_BOUND_MB);
      expect(m.crashed ?? null, `${c.title}: peak ${m.peakRssMb} MB`).toBeNull();
      expect(m.status).toBe('rejected');
      expect(m.rules).toContain(c.expected.outcome === 'rejected' ? c.expected.rule : '-');
      expect(m.peakRssMb).toBeLessThan(MEMORY_BOUND_MB);
      expect(m.ms).toBeLessThan(REFUSAL_MS);
    },
    CHILD_TIMEOUT_MS + 10_000,
  );

  it('stays under the bound for the largest package the limits accept', async () => {
    const dense = await denseWorkbook();
    expect(dense.bytes.length).toBeLessThanOrEqual(10 * 1024 * 1024);
    expect(dense.denseBytes).toBeGreaterThan(DEFAULT_PACKAGE_LIMITS.maxTotalUncompressed * 0.9);
    const file = join(dir, 'dense.xlsx');
    writeFileSync(file, dense.bytes);
    const m = await measure(file, MEMORY_BOUND_MB);
    expect(
      m.aborted,
      `${dense.cells} cells in ${(dense.denseBytes / 1048576).toFixed(0)} MB of XML: peak RSS ${m.peakRssMb} MB`,
    ).toBe(false);
    expect(m.code).toBe(0);
    expect(m.peakRssMb).toBeLessThan(MEMORY_BOUND_MB);
    for (const message of m.messages ?? []) expect(message).toMatch(CJK);
  }, 120_000);
});
