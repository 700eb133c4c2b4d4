import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack.ts';
import type { FaultPoint } from '../../shared/ingest/ingest-upload.ts';
import { REPO_ROOT } from '../helpers/cli.ts';
import { SEED_UNIT, seedBytes } from '../helpers/seed.ts';
import { LIMIT_CASES } from '../hostile/corpus.ts';

/**
 * Issue 11 on the embedded stack: every attack class uploaded through the CLI (`gongkai upload`, which waits for
 * the report) gets its report, nothing stays 处理中, the stack keeps serving the site, and the seed is published
 * afterwards. A run that keeps crashing is dead-lettered AND answered: its submission is recorded as failed (K-04)
 * with a report to the unit, and the next upload is served normally.
 */
const UNIT = { code: '101017', name: SEED_UNIT, department: '武汉市财政局', aliases: [] as string[] };

let dir: string;
let stack: EmbeddedStack;
let crashAt: FaultPoint | null = null;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-hostile-stack-'));
  stack = await startEmbeddedStack({
    dataDir: join(dir, 'data'),
    customizeDeps: (deps) => ({
      ...deps,
      fault: async (point) => {
        await deps.fault?.(point);
        if (point === crashAt) throw new Error(`injected crash at ${point}`);
      },
    }),
  });
  await stack.deps.registry.put(UNIT);
  for (const c of LIMIT_CASES) writeFileSync(join(dir, `${c.id}.xlsx`), await c.build());
  writeFileSync(join(dir, 'seed.xlsx'), await seedBytes());
}, 120_000);

afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `gongkai upload` against this stack (found through the stack.json in its data folder). */
async function upload(file: string): Promise<{ code: number | null; report: Record<string, unknown> }> {
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'cli/main.ts', 'upload', file, '--unit', UNIT.code, '--year', '2023', '--json'],
      { cwd: REPO_ROOT, env: { ...process.env, GONGKAI_DATA_DIR: join(dir, 'data'), GONGKAI_DEBUG: '' } },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        resolve({ code, report: JSON.parse(out.trim().split('\n').at(-1) ?? '{}') });
      } catch {
        resolve({ code, report: { raw: out } });
      }
    });
  });
}

async function page(path: string): Promise<number> {
  return (await fetch(`${stack.siteUrl}${path}`)).status;
}

describe('the embedded stack under hostile uploads through the CLI', () => {
  it('answers every attack class, keeps serving, leaves nothing 处理中, then publishes the seed', async () => {
    for (const c of LIMIT_CASES) {
      const started = performance.now();
      const r = await upload(join(dir, `${c.id}.xlsx`));
      expect([1, 2], `${c.id}: ${JSON.stringify(r.report).slice(0, 300)}`).toContain(r.code);
      expect(r.report.status, c.id).toBe('rejected');
      expect(performance.now() - started, c.id).toBeLessThan(30_000);
      expect(await page('/'), c.id).toBeLessThan(500);
    }
    await stack.idle();
    const submissions = await stack.deps.store.listSubmissions(UNIT.code, 2023);
    expect(submissions.length).toBeGreaterThanOrEqual(LIMIT_CASES.length);
    expect(submissions.filter((s) => s.status === 'processing')).toEqual([]);

    const seed = await upload(join(dir, 'seed.xlsx'));
    expect(seed.code).toBe(0);
    expect(seed.report.status).toBe('accepted');
    expect(await page('/2023/101017/')).toBe(200);
  }, 600_000);

  it('records a run that crashes on every attempt as failed, with a report, and serves the next upload', async () => {
    const s3 = new S3Client({
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    const key = 'uploads/101017/2023/crashes.xlsx';
    const letters = stack.deadLetters.length;
    crashAt = 'after-submission';
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: stack.uploadBucket,
          Key: key,
          Body: await seedBytes(),
          Metadata: { 'upload-id': 'crash-test-0001' },
        }),
      );
      await new Promise((r) => setTimeout(r, 200));
      await stack.idle();
    } finally {
      crashAt = null;
    }
    // The dead letter stays for the operator…
    expect(stack.deadLetters.length).toBe(letters + 1);
    // …and the unit has its answer: a failed submission and a K-04 report where `gongkai upload` waits for it.
    // (The dead-letter step may still be writing when the queue reports idle: the answer comes right after it.)
    let submission = await stack.deps.store.getSubmission(UNIT.code, 2023, 'crash-test-0001');
    for (let i = 0; i < 100 && submission?.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      submission = await stack.deps.store.getSubmission(UNIT.code, 2023, 'crash-test-0001');
    }
    expect(submission?.status).toBe('failed');
    const object = await s3.send(
      new GetObjectCommand({ Bucket: stack.uploadBucket, Key: 'reports/101017/2023/crash-test-0001.json' }),
    );
    const report = JSON.parse((await object.Body?.transformToString()) ?? '{}');
    expect(report.outcome).toBe('failed');
    expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(['K-04']);
    expect(report.findings[0].message).toMatch(/[\u4e00-\u9fff]/);

    const next = await upload(join(dir, 'seed.xlsx'));
    expect(next.code).toBe(0);
    expect(await page('/2023/101017/')).toBe(200);
  }, 300_000);
});
