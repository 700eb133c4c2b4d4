import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { runNodeChild } from '../helpers/node-child.ts';
import { SEED_UNIT } from '../helpers/seed.ts';
import { LIMIT_CASES, type LimitCase } from './corpus.ts';
import { CJK } from './memory-env.ts';

/**
 * Issue 11's acceptance: every attack class is answered — by `gongkai validate` and by the ingest use case — within
 * 10 s and 512 MB peak RSS, with a clean report (exit 1 or 2), and the process survives. Each case runs in its own
 * child process, so an abort (the failure these cases used to cause) fails one case instead of the test runner.
 */
const ANSWER_MS = 10_000;
const MEMORY_BOUND_MB = 512;
const CHILD_TIMEOUT_MS = 90_000;

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-limits-'));
  for (const c of LIMIT_CASES) writeFileSync(join(dir, `${c.id}.xlsx`), await c.build());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Answer {
  code: number | null;
  crashed?: string;
  validate?: { status: string; rules: string[]; messages: string[]; ms: number };
  ingest?: { status: string; rules: string[]; submission: string | null; reportStored: boolean; ms: number };
  peakRssMb?: number;
}

async function answer(file: string): Promise<Answer> {
  const { code, signal, stderr, json } = await runNodeChild(
    ['--import', 'tsx', 'test/hostile/answer-child.ts', file],
    CHILD_TIMEOUT_MS,
  );
  if (json !== undefined) return { code, ...(json as Omit<Answer, 'code'>) };
  return {
    code,
    crashed: /out of memory|Allocation failed/.test(stderr)
      ? 'out of memory'
      : (signal ?? `exit ${code}: ${stderr.slice(-500)}`),
  };
}

describe('issue 11 attack classes are answered within 10 s and 512 MB (validator and ingest use case)', () => {
  it('has a case for every class of the issue', () => {
    expect(LIMIT_CASES.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'range-single-quotes',
        'range-spaces',
        'range-char-ref',
        'sqref-list-900',
        'sheet-bak-retargeted',
        'extra-zz-sheet',
        'defined-name-bomb',
        'col-span-bomb',
        'merges-quadratic',
        'title-backtracking',
        'utf16-worksheet',
      ]),
    );
  });

  it.each(LIMIT_CASES.map((c) => [c.id, c] as const))(
    '%s',
    async (_id, c: LimitCase) => {
      const a = await answer(join(dir, `${c.id}.xlsx`));
      expect(a.crashed ?? null, c.title).toBeNull();
      expect(a.code).toBe(0);
      expect(a.peakRssMb).toBeLessThan(MEMORY_BOUND_MB);
      expect(a.validate?.status).toBe('rejected');
      expect(a.validate?.ms).toBeLessThan(ANSWER_MS);
      expect(a.validate?.rules.length).toBeGreaterThan(0);
      for (const rule of a.validate?.rules ?? []) expect(c.rules, JSON.stringify(a.validate?.messages)).toContain(rule);
      for (const m of a.validate?.messages ?? []) expect(m).toMatch(CJK);
      expect(a.ingest?.status).toBe('rejected');
      expect(a.ingest?.ms).toBeLessThan(ANSWER_MS);
      for (const rule of a.ingest?.rules ?? []) expect(c.rules).toContain(rule);
      // Nothing stays 处理中: the submission is finished and the unit has its report.
      expect(a.ingest?.submission).toBe('rejected');
      expect(a.ingest?.reportStored).toBe(true);
    },
    CHILD_TIMEOUT_MS + 10_000,
  );
});

describe('gongkai validate on the attack classes', () => {
  it('answers each within 10 s with one JSON report and exit 1 or 2, never a stack trace', async () => {
    for (const c of LIMIT_CASES) {
      const started = performance.now();
      const r = await runCli(['validate', join(dir, `${c.id}.xlsx`), '--json', '--unit', SEED_UNIT, '--year', '2023']);
      const ms = performance.now() - started;
      expect([1, 2], `${c.id}: ${r.stderr}`).toContain(r.code);
      expect(ms, c.id).toBeLessThan(ANSWER_MS);
      expect(r.stderr, c.id).not.toMatch(/\n\s+at |Error:|内部错误/);
      const report = JSON.parse(r.stdout.trim());
      expect(report.status, c.id).toBe('rejected');
      for (const f of report.findings) expect(f.message, c.id).toMatch(CJK);
    }
  }, 240_000);
});
