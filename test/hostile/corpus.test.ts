import { beforeAll, describe, expect, it } from 'vitest';
import { handleS3Event } from '../../functions/ingest/handler.ts';
import { siteRenderer } from '../../shared/site/index.ts';
import { sitePaths } from '../../shared/site/paths.ts';
import { seedBytes } from '../helpers/seed.ts';
import { CORPUS, type HostileCase, KEY_CASES } from './corpus.ts';
import { CJK, type MemoryEnv, memoryEnv, stringsIn, UNIT, type Visible, visible } from './memory-env.ts';
import { escapedMarkup, formulaCells, parseCsv, unsafeMarkup } from './page-safety.ts';

/**
 * Every hostile case through the validator, the ingest use case and the S3 event handler, on in-memory ports with
 * the real page renderer. The good seed is published first; afterwards a refused upload must leave exactly what
 * readers saw (pointer and every site file), and an accepted one must publish pages with every payload escaped.
 */

const PAGE = sitePaths.disclosure(2023, UNIT.code);
const built = new Map<string, Uint8Array>();
let env: MemoryEnv;
let seedSignatures: string[];

/** Findings of the nine tables' rules (supplement rules P-/N- depend on the optional sheets). */
const tableRule = (rule: string) => !/^[PN]-/.test(rule);

beforeAll(async () => {
  const all = await Promise.all(CORPUS.map(async (c) => [c.id, await c.build()] as const));
  for (const [id, bytes] of all) built.set(id, bytes);
  env = await memoryEnv(siteRenderer);
  const [seedOutcome] = await handleS3Event(env.upload('uploads/101017/2023/seed.xlsx', await seedBytes()), env.deps);
  expect(seedOutcome?.status).toBe('published');
  seedSignatures = (seedOutcome?.report?.findings ?? [])
    .filter((f) => tableRule(f.rule))
    .map((f) => `${f.rule} ${f.severity} ${f.table} ${f.cell}`)
    .sort();
});

function expectUnchanged(before: Visible, after: Visible): void {
  expect(after.pointer).toEqual(before.pointer);
  expect([...after.files.keys()].sort()).toEqual([...before.files.keys()].sort());
  for (const [path, body] of before.files) expect(after.files.get(path), path).toBe(body);
}

describe('hostile corpus', () => {
  it('has at least 40 workbook cases, each with a distinct id', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CORPUS.map((c) => c.id)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((c) => [c.id, c] as const))('%s', async (id: string, c: HostileCase) => {
    const bytes = built.get(id) as Uint8Array;
    const before = await visible(env);
    const calls = env.validations.length;
    const writes = env.siteWrites.length;

    // Through the handler, as Lambda calls it: it must resolve (a throw would mean a retry, then the DLQ).
    const outcomes = await handleS3Event(env.upload(`uploads/101017/2023/${id}.xlsx`, bytes), env.deps);
    expect(outcomes).toHaveLength(1);
    const outcome = outcomes[0];
    const validation = env.validations[calls];
    expect(validation?.thrown ?? null).toBeNull();
    const report = validation?.result?.report;
    if (!report || !outcome) throw new Error('no report');
    expect(outcome.report).toEqual(report);

    // The report: Chinese messages, the expected verdict and rule.
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) expect(f.message, f.rule).toMatch(CJK);
    const stored = env.reports.reports.get(outcome.reportPath ?? '');
    expect(stored).toBeDefined();
    expect(JSON.parse(stored?.json ?? '{}').status).toBe(report.status);
    expect(stored?.html).toMatch(CJK);
    expect(unsafeMarkup(stored?.html ?? '')).toEqual([]);

    const after = await visible(env);
    const e = c.expected;
    if (e.outcome === 'rejected') {
      expect(report.status).toBe('rejected');
      expect(outcome.status).toBe('rejected');
      const hit = report.findings.find(
        (f) =>
          f.rule === e.rule &&
          f.severity === 'error' &&
          (e.table === undefined || f.table === e.table) &&
          (e.cell === undefined || f.cell === e.cell),
      );
      expect(hit, JSON.stringify(report.findings.slice(0, 5))).toBeDefined();
      expectUnchanged(before, after);
      return;
    }

    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(report.status).toBe('accepted');
    expect(outcome.status).toBe('published');
    expect(after.pointer?.version).toBe(outcome.uploadId);
    const signatures = report.findings
      .filter((f) => tableRule(f.rule) && !(f.severity === 'warning' && f.rule === e.warning))
      .map((f) => `${f.rule} ${f.severity} ${f.table} ${f.cell}`)
      .sort();
    expect(signatures).toEqual(seedSignatures);
    if (e.warning) expect(report.findings.some((f) => f.rule === e.warning && f.severity === 'warning')).toBe(true);

    // Payloads reach the model (so the page checks below are not vacuous) and arrive escaped in every file.
    const result = validation?.result;
    const texts = stringsIn([result?.read.status === 'read' ? result.read.disclosure : null, result?.supplement]);
    for (const p of c.payloads ?? [])
      expect(
        texts.some((t) => t.includes(p)),
        p,
      ).toBe(true);
    const written = env.siteWrites.slice(writes).flat();
    expect(written).toContain(PAGE);
    const pages: string[] = [];
    for (const path of new Set(written)) {
      const body = env.site.text(path) ?? '';
      const type = env.site.files.get(path)?.contentType ?? '';
      if (type.startsWith('text/html')) {
        pages.push(body);
        expect(unsafeMarkup(body), path).toEqual([]);
        for (const p of c.payloads ?? []) if (/[<>]/.test(p)) expect(body, path).not.toContain(p);
      } else if (path.endsWith('.csv')) {
        expect(type, path).toMatch(/^text\/csv/);
        expect(formulaCells(body), path).toEqual([]);
        const cells = parseCsv(body).flat();
        for (const p of (c.payloads ?? []).filter((x) => /^[=+\-@]/.test(x))) {
          expect(
            cells.some((cell) => cell.endsWith(p)),
            `${p} kept (neutralized) in ${path}`,
          ).toBe(true);
        }
      } else if (path.endsWith('.json')) expect(type, path).toMatch(/^application\/json/);
    }
    for (const p of (c.payloads ?? []).filter((x) => /[<>]/.test(x))) {
      expect(
        pages.some((b) => b.includes(escapedMarkup(p))),
        `${p} shown escaped`,
      ).toBe(true);
    }
  });
});

describe('hostile upload keys (through the S3 event encoding)', () => {
  it.each(KEY_CASES.map((k) => [k.id, k] as const))('%s', async (_id, k) => {
    const seed = await seedBytes();
    const before = await visible(env);
    const outcomes = await handleS3Event(env.upload(k.key, seed), env.deps);
    expect(outcomes).toHaveLength(1);
    const outcome = outcomes[0];
    const report = outcome?.report;
    for (const f of report?.findings ?? []) expect(f.message).toMatch(CJK);
    const stored = env.reports.reports.get(outcome?.reportPath ?? '');
    expect(unsafeMarkup(stored?.html ?? '')).toEqual([]);
    if (k.rule === null) {
      expect(outcome?.status).toBe('published');
      expect((await env.store.getCurrent(UNIT.code, 2023))?.version).toBe(outcome?.uploadId);
      const submission = await env.store.getSubmission(UNIT.code, 2023, outcome?.uploadId ?? '');
      expect(submission?.key).toBe(k.key);
    } else {
      expect(outcome?.status).toBe('rejected');
      expect(report?.findings[0]?.rule).toBe(k.rule);
      expectUnchanged(before, await visible(env));
    }
  });

  it('acknowledges an event whose key is not valid URL encoding, without throwing or publishing', async () => {
    const before = await visible(env);
    const event = env.upload('uploads/101017/2023/x.xlsx', new Uint8Array(1));
    const record = event.Records[0];
    if (record) record.s3.object.key = 'uploads/101017/2023/%E4%ZZ.xlsx';
    await expect(handleS3Event(event, env.deps)).resolves.toEqual([]);
    expectUnchanged(before, await visible(env));
  });

  it('refuses a file above the 10 MB upload limit without validating it (K-03)', async () => {
    const before = await visible(env);
    const calls = env.validations.length;
    const [outcome] = await handleS3Event(
      env.upload('uploads/101017/2023/big.xlsx', new Uint8Array(10 * 1024 * 1024 + 1)),
      env.deps,
    );
    expect(outcome?.report?.findings[0]?.rule).toBe('K-03');
    expect(env.validations.length).toBe(calls);
    expectUnchanged(before, await visible(env));
  });
});
