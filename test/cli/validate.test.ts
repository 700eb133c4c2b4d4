import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../cli/commands/validate.ts';
import { type DeclaredSeverity, finding, type RuleId } from '../../shared/rules/finding.ts';
import { summarize, type ValidationReport } from '../../shared/rules/validate.ts';
import { runCli, runInProcess, STACK_TRACE, singleJson } from '../helpers/cli.ts';
import {
  editWorkbook,
  noticeShape,
  SEED_NOTICES,
  SEED_PATH,
  SEED_SHEETS,
  seedBytes,
  sheetOf,
  sortedNotices,
  TABLE_RULE_ID,
} from '../helpers/seed.ts';

/**
 * `gongkai validate` and `gongkai template` through the real process: exit codes 0 accepted / 1 rejected / 2
 * unreadable, `--json` prints exactly one JSON object, and bad input never shows a stack trace. Child processes run
 * concurrently; everything else about validation is tested through the library.
 */

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-cli-'));
  const seed = await seedBytes();
  await writeFile(file('not-a-workbook.xlsx'), '这不是工作簿\n');
  await writeFile(file('truncated.xlsx'), seed.subarray(0, 4096));
  await writeFile(
    file('perturbed.xlsx'),
    await editWorkbook(seed, (wb) => {
      sheetOf(wb, 'T3').getCell('F14').value = 49.4;
    }),
  );
  await writeFile(
    file('short-unit.xlsx'),
    await editWorkbook(seed, (wb) => {
      for (const ws of wb.worksheets) ws.getCell('A3').value = '单位：财政局信息中心';
    }),
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const report = (stdout: string) => singleJson(stdout) as ValidationReport;

describe.concurrent('gongkai validate (process)', () => {
  it('accepts the seed: exit 0, one JSON object, exactly the seven rounding notices with their values', async ({
    expect,
  }) => {
    const run = await runCli(['validate', SEED_PATH, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const r = report(run.stdout);
    expect(r).toMatchObject({ status: 'accepted', unit: '武汉市财政局信息中心', year: 2023 });
    expect(r.summary).toMatchObject({ errors: 0, notices: 7 });
    const notices = r.findings.filter((f) => f.severity === 'notice');
    expect(sortedNotices(notices.map(noticeShape))).toEqual(sortedNotices(SEED_NOTICES));
    expect(r.findings.filter((f) => TABLE_RULE_ID.test(f.rule) && f.severity === 'warning')).toEqual([]);
    expect(Object.keys(r.findings[0] ?? {})).toEqual([
      'rule',
      'severity',
      'table',
      'sheet',
      'cell',
      'message',
      'actual',
      'expected',
      'difference',
      'tolerance',
    ]);
  });

  it('rejects a figure changed by 1.00: exit 1, an error at that cell', async ({ expect }) => {
    const run = await runCli(['validate', file('perturbed.xlsx'), '--json']);
    expect(run.code).toBe(1);
    const r = report(run.stdout);
    expect(r.status).toBe('rejected');
    expect(r.findings.some((f) => f.severity === 'error' && f.sheet === SEED_SHEETS.T3 && f.cell === 'F14')).toBe(true);
  });

  it('a file that is not a workbook: exit 2, one F-01 finding in Chinese, no stack trace', async ({ expect }) => {
    const run = await runCli(['validate', file('not-a-workbook.xlsx'), '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('');
    const r = report(run.stdout);
    expect(r.findings.map((f) => f.rule)).toEqual(['F-01']);
    expect(r.findings[0]?.message).toContain('不是 Excel 工作簿');
    expect(run.stdout).not.toMatch(STACK_TRACE);
  });

  it('a truncated .xlsx: exit 2, F-01', async ({ expect }) => {
    const run = await runCli(['validate', file('truncated.xlsx'), '--json']);
    expect(run.code).toBe(2);
    expect(report(run.stdout).findings[0]).toMatchObject({ rule: 'F-01', severity: 'error' });
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it('template → validate: rejected only for missing content (S-07; S-01a: no unit named), never for layout', async ({
    expect,
  }) => {
    const out = file('template-2024.xlsx');
    const made = await runCli(['template', '--year', '2024', '--out', out]);
    expect(made.code).toBe(0);
    const run = await runCli(['validate', out, '--json']);
    expect(run.code).toBe(1);
    const r = report(run.stdout);
    expect(r.year).toBe(2024);
    const errors = r.findings.filter((f) => f.severity === 'error');
    expect([...new Set(errors.map((f) => f.rule))].sort()).toEqual(['S-07']);
    expect(r.findings.filter((f) => f.rule === 'S-01a').map((f) => f.severity)).toEqual(['warning']);
    expect(r.findings.filter((f) => ['S-02', 'S-06', 'H-03'].includes(f.rule))).toEqual([]);
    expect(r.findings.filter((f) => TABLE_RULE_ID.test(f.rule) && f.severity !== 'error')).toEqual([]);
  });
});

describe('gongkai validate / template (in process)', () => {
  // The same commands called as functions with stdout captured: argument handling without a process start each.
  it('a missing file: exit 2, F-01 naming the file', async () => {
    const run = await runInProcess(['validate', file('nowhere.xlsx'), '--json']);
    expect(run.code).toBe(2);
    expect(report(run.stdout).findings[0]?.message).toContain('nowhere.xlsx');
  });

  it('text output (no --json) says the verdict in Chinese', async () => {
    const run = await runInProcess(['validate', SEED_PATH]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('结论：通过');
    expect(run.stdout).toContain('提示（尾数误差）7 项');
  });

  it('--unit of another unit and --year of another year: S-04 errors, exit 1', async () => {
    const run = await runInProcess(['validate', SEED_PATH, '--json', '--unit', '武汉市教育局', '--year', '2024']);
    expect(run.code).toBe(1);
    const s04 = report(run.stdout).findings.filter((f) => f.rule === 'S-04');
    expect(s04.map((f) => [f.severity, f.actual, f.expected])).toEqual([
      ['error', '武汉市财政局信息中心', '武汉市教育局'],
      ['error', '2023', '2024'],
    ]);
  });

  it('--unit with the region prefix the workbook leaves out: a warning, still accepted', async () => {
    const run = await runInProcess(['validate', file('short-unit.xlsx'), '--json', '--unit', '武汉市财政局信息中心']);
    expect(run.code).toBe(0);
    const r = report(run.stdout);
    expect(r.status).toBe('accepted');
    expect(r.findings.filter((f) => f.rule === 'S-04').map((f) => f.severity)).toEqual(['warning']);
  });

  it('--year that is not a year: exit 2', async () => {
    const run = await runInProcess(['validate', SEED_PATH, '--json', '--year', '23']);
    expect(run.code).toBe(2);
    expect(report(run.stdout).findings[0]?.message).toContain('--year');
  });

  it('template --unit → validate: only S-07 (no figures)', async () => {
    const out = file('template-unit.xlsx');
    expect((await runInProcess(['template', '--year', '2024', '--unit', '某某单位', '--out', out])).code).toBe(0);
    const run = await runInProcess(['validate', out, '--json', '--unit', '某某单位', '--year', '2024']);
    expect(run.code).toBe(1);
    const r = report(run.stdout);
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(['S-07']);
    expect(r.findings.filter((f) => TABLE_RULE_ID.test(f.rule) && f.rule !== 'S-07')).toEqual([]);
  });
});

describe('exitCodeFor', () => {
  it('maps a report to 0 accepted, 1 rejected, 2 unreadable', ({ expect }) => {
    const f = <R extends RuleId>(rule: R, severity: DeclaredSeverity<R>) => finding({ rule, severity, message: 'x' });
    expect(exitCodeFor(summarize([f('S-04', 'warning')], null, null))).toBe(0);
    expect(exitCodeFor(summarize([f('T1-01', 'error')], null, null))).toBe(1);
    expect(exitCodeFor(summarize([f('F-01', 'error')], null, null, false))).toBe(2);
  });
});
