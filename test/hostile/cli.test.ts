import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_UNIT, seedBytes } from '../helpers/seed.ts';
import { CORPUS } from './corpus.ts';
import { CJK } from './memory-env.ts';

/**
 * The CLI contract on hostile files: `validate FILE --json` prints exactly one JSON object, exits 0 (accepted),
 * 1 (rejected) or 2 (unreadable file), and never shows a stack trace — whatever the file.
 */

const CASES: { id: string; exit: 0 | 1 | 2; rule: string | null }[] = [
  { id: 'seed', exit: 0, rule: null },
  { id: 'xss-unit-only', exit: 1, rule: 'S-04' },
  { id: 'ole2-encrypted', exit: 2, rule: 'F-01' },
  { id: 'bomb-lying-1gib', exit: 2, rule: 'F-01' },
];

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gongkai-hostile-cli-'));
  for (const c of CASES) {
    const bytes = c.id === 'seed' ? await seedBytes() : await CORPUS.find((x) => x.id === c.id)?.build();
    if (!bytes) throw new Error(`no case ${c.id}`);
    writeFileSync(join(dir, `${c.id}.xlsx`), bytes);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'cli/main.ts', ...args], {
      cwd: process.cwd(),
      env: { ...process.env, GONGKAI_DEBUG: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('gongkai validate --json on hostile files', () => {
  it('keeps the exit-code and single-JSON-object contract, with Chinese messages and no stack trace', async () => {
    const results = await Promise.all(
      CASES.map(async (c) => ({
        c,
        r: await run(['validate', join(dir, `${c.id}.xlsx`), '--json', '--unit', SEED_UNIT, '--year', '2023']),
      })),
    );
    for (const { c, r } of results) {
      expect(r.code, `${c.id}: ${r.stderr}`).toBe(c.exit);
      expect(r.stderr, c.id).not.toMatch(/\n\s+at |Error:|内部错误/);
      const lines = r.stdout.trim().split('\n');
      expect(lines, c.id).toHaveLength(1);
      const report = JSON.parse(lines[0] ?? '');
      expect(report.status, c.id).toBe(c.exit === 0 ? 'accepted' : 'rejected');
      for (const f of report.findings) expect(f.message, c.id).toMatch(CJK);
      if (c.rule) {
        expect(
          report.findings.some((f: { rule: string; severity: string }) => f.rule === c.rule && f.severity === 'error'),
          c.id,
        ).toBe(true);
      }
    }
  }, 60_000);
});
