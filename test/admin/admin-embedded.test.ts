import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDeps } from '../../cli/admin-deps.ts';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack.ts';
import { adminReportKey } from '../../shared/admin/admin-report.ts';
import { revalidateYear } from '../../shared/admin/revalidate.ts';
import { finding, type RuleId } from '../../shared/rules/finding.ts';
import { departmentSlug } from '../../shared/site/paths.ts';
import { DynamoDisclosureStore, DynamoUnitRegistry } from '../../shared/storage/dynamo-store.ts';
import { s3Client } from '../../shared/storage/s3-store.ts';
import { validateWorkbook } from '../../shared/validate-workbook.ts';
import { runCli, singleJson } from '../helpers/cli.ts';
import { SEED_UNIT, seedRenamed } from '../pipeline/workbooks.ts';
import { correctedSeedBytes, fullSeedBytes } from './corrected-seed.ts';

/**
 * Acceptance of issue 13 on the embedded stack, with the real CLI (a child process finding the stack through its
 * stack.json): status, honest dates, 更正说明, the superseded first version, withdraw / restore, the private admin
 * report, and revalidate after a rule change.
 */
let dataDir: string;
let stack: EmbeddedStack;
const PAGE = '/2023/101017/';
const DEPARTMENT_PAGE = `/2023/departments/${departmentSlug(SEED_UNIT.department)}/`;
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

async function put(key: string, body: Uint8Array) {
  await s3Client().send(new PutObjectCommand({ Bucket: stack.uploadBucket, Key: key, Body: body }));
  await stack.idle();
  return stack.outcomes.at(-1);
}

async function get(path: string) {
  const r = await fetch(`${stack.siteUrl}${path}`);
  return { status: r.status, body: await r.text() };
}

async function cli(...args: string[]) {
  const r = await runCli(args);
  if (r.code !== 0) throw new Error(`gongkai ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}

interface Row {
  unit: string;
  state: string;
  timeliness: string;
  firstPublishedAt: string | null;
  updatedAt: string | null;
  approvedAt: string | null;
  deadline: string | null;
  versions: number;
  score: number | null;
  lastErrors: number | null;
}

async function status(): Promise<{ rows: Row[]; totals: { year: { byState: Record<string, number> } } }> {
  return singleJson(await cli('status', '--year', '2023', '--json')) as never;
}

let firstVersion = '';
let firstPublishedAt = '';

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gongkai-admin-'));
  stack = await startEmbeddedStack({ dataDir });
  // The CLI child processes find this stack through {dataDir}/stack.json.
  process.env.GONGKAI_DATA_DIR = dataDir;
  await new DynamoUnitRegistry(stack.tableName).put(SEED_UNIT);
  await new DynamoUnitRegistry(stack.tableName).put({
    code: '101099',
    name: '武汉市财政局另一单位',
    department: SEED_UNIT.department,
    aliases: [],
  });
}, 60_000);

afterAll(async () => {
  await stack?.close();
  delete process.env.GONGKAI_DATA_DIR;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('issue 13 on the embedded stack', () => {
  it('status lists the seed published, with its 批复日期 from the supplement, deadline and timeliness', async () => {
    const outcome = await put('uploads/101017/2023/2023决算公开.xlsx', await fullSeedBytes());
    expect(outcome?.status).toBe('published');
    const s = await status();
    const row = s.rows.find((r) => r.unit === '101017');
    expect(row).toMatchObject({
      state: 'published',
      approvedAt: '2024-09-25',
      deadline: '2024-10-15',
      // Published here today, long after the deadline: late — judged by the first publication, not a re-upload.
      timeliness: 'late',
      versions: 1,
      updatedAt: null,
      lastErrors: 0,
    });
    expect(row?.score).toBe(80);
    expect(s.rows.find((r) => r.unit === '101099')).toMatchObject({ state: 'not-uploaded', timeliness: 'unknown' });
    expect(s.totals.year.byState).toMatchObject({ published: 1, 'not-uploaded': 1 });
    firstPublishedAt = row?.firstPublishedAt ?? '';
    expect(firstPublishedAt).not.toBe('');
    const page = await get(PAGE);
    expect(text(page.body)).toContain('决算批复日期2024年9月25日');
    expect(page.body).not.toContain('更新日期');
    const store = new DynamoDisclosureStore(stack.tableName);
    firstVersion = (await store.getCurrent('101017', 2023))?.version ?? '';
  });

  it('the private admin report is in the upload bucket under admin/, never on the public site', async () => {
    const csv = await s3Client().send(
      new GetObjectCommand({ Bucket: stack.uploadBucket, Key: adminReportKey(2023, 'csv') }),
    );
    const body = (await csv.Body?.transformToString()) ?? '';
    expect(body.split('\r\n')[0]).toBe(
      '\uFEFFunit,name,department,state,timeliness,firstPublishedAt,updatedAt,approvedAt,deadline,versions,lastUploadAt,lastErrors,score',
    );
    expect(body).toContain('101017,武汉市财政局信息中心,武汉市财政局,published,late,');
    const html = await s3Client().send(
      new GetObjectCommand({ Bucket: stack.uploadBucket, Key: adminReportKey(2023, 'html') }),
    );
    expect(await html.Body?.transformToString()).toContain('内部管理报告');
    expect((await get('/admin/2023/status.html')).status).toBe(404);
  });

  it('a corrected copy keeps 公开日期, sets 更新日期 and lists exactly the changed cells in 更正说明', async () => {
    const outcome = await put('uploads/101017/2023/2023决算公开（更正）.xlsx', await correctedSeedBytes());
    expect(outcome?.status).toBe('published');
    const row = (await status()).rows.find((r) => r.unit === '101017');
    expect(row?.firstPublishedAt).toBe(firstPublishedAt);
    expect(row?.updatedAt && row.updatedAt > firstPublishedAt).toBe(true);
    expect(row).toMatchObject({ versions: 2, timeliness: 'late' });
    const page = (await get(PAGE)).body;
    expect(page).toContain('<dt>更新日期</dt>');
    expect(page).toContain('<h2 id="corrections">更正说明</h2>');
    const section = page.slice(page.indexOf('id="corrections"'));
    const cells = [...section.matchAll(/<td class="num">([^<]*)<\/td><td class="num">([^<]*)<\/td>/g)].map(
      (m) => `${m[1]}→${m[2]}`,
    );
    expect(cells).toEqual(['466.32→466.33', '68.36→68.37', '467.17→467.18']);
    expect(text(section)).toContain('更正数据3处');
  });

  it('the first version stays reachable at its stable address, marked superseded', async () => {
    const old = await get(`/2023/101017/v/${firstVersion}/`);
    expect(old.status).toBe(200);
    expect(text(old.body)).toContain('此为历史版本，已被更正。');
    expect(old.body).toContain('68.36');
  });

  it('withdraw: the page is a notice, data.json is gone, the department page and catalog no longer list the unit', async () => {
    expect((await get(DEPARTMENT_PAGE)).body).toContain('/2023/101017/');
    const out = await cli('withdraw', '--unit', '101017', '--year', '2023', '--reason', '误将其他单位数据发布');
    expect(out).toContain('已撤回');
    const page = await get(PAGE);
    expect(page.status).toBe(200);
    expect(text(page.body)).toContain('撤回原因误将其他单位数据发布');
    expect(page.body).not.toContain('68.37');
    expect((await get('/2023/101017/data.json')).status).toBe(404);
    expect((await get('/2023/101017/data.csv')).status).toBe(404);
    expect((await get(`/2023/101017/v/${firstVersion}/`)).body).not.toContain('68.36');
    const department = await get(DEPARTMENT_PAGE);
    expect(department.body).not.toContain('/2023/101017/');
    expect((await get(DEPARTMENT_PAGE.replace(/$/, 'catalog.json'))).body).not.toContain('101017/data.json');
    expect((await get('/units/101017/')).body).not.toContain('/2023/101017/');
    expect((await status()).rows.find((r) => r.unit === '101017')).toMatchObject({ state: 'withdrawn' });
    const history = singleJson(await cli('submissions', '--unit', '101017', '--year', '2023', '--json')) as {
      actions: { action: string; by: string; at: string; detail: string }[];
    };
    expect(history.actions[0]).toMatchObject({ action: 'withdraw', detail: '撤回公开：误将其他单位数据发布' });
    expect(history.actions[0]?.by).toMatch(/^local:/);
  });

  it('a new upload while withdrawn is recorded but the notice stays', async () => {
    const outcome = await put('uploads/101017/2023/again.xlsx', await fullSeedBytes());
    expect(outcome?.status).toBe('published');
    expect(text((await get(PAGE)).body)).toContain('撤回原因');
    expect((await get('/2023/101017/data.json')).status).toBe(404);
  });

  it('restore brings the page, its open data and the listings back', async () => {
    expect(await cli('restore', '--unit', '101017', '--year', '2023')).toContain('已恢复');
    const page = await get(PAGE);
    expect(page.body).not.toContain('撤回原因');
    expect(page.body).toContain('<h2 id="corrections">更正说明</h2>');
    expect((await get('/2023/101017/data.json')).status).toBe(200);
    expect((await get(DEPARTMENT_PAGE)).body).toContain('/2023/101017/');
    const s = await status();
    expect(s.rows.find((r) => r.unit === '101017')).toMatchObject({
      state: 'published',
      versions: 3,
      firstPublishedAt,
    });
    const history = singleJson(await cli('submissions', '--unit', '101017', '--year', '2023', '--json')) as {
      actions: { action: string }[];
    };
    expect(history.actions.map((a) => a.action)).toEqual(['restore', 'withdraw']);
  });

  it('approvals set: the admin 批复日期 wins and moves the deadline and verdict', async () => {
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    await cli('approvals', 'set', '--unit', '101017', '--year', '2023', '--date', today);
    const row = (await status()).rows.find((r) => r.unit === '101017');
    expect(row).toMatchObject({ approvedAt: today, timeliness: 'on-time', score: 100 });
    expect((await get(PAGE)).body).toContain('按时公开');
    const bad = await runCli(['approvals', 'set', '--unit', '101017', '--year', '2023', '--date', '2024-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('不是有效日期');
  });

  it('import backfills a year published elsewhere: its date is the 公开日期, marked imported', async () => {
    const file = join(dataDir, '2022决算.xlsx');
    writeFileSync(file, await seedRenamed(SEED_UNIT.name, 2022));
    const args = ['import', file, '--unit', '101017', '--year', '2022', '--published-at', '2023-10-10'];
    const out = await cli(...args, '--source', 'https://czj.wuhan.gov.cn/2022/101017.html');
    expect(out).toContain('已导入并发布');
    const s = singleJson(await cli('status', '--year', '2022', '--json')) as { rows: (Row & { imported: boolean })[] };
    expect(s.rows.find((r) => r.unit === '101017')).toMatchObject({
      state: 'published',
      firstPublishedAt: '2023-10-10',
      imported: true,
      versions: 1,
    });
    expect(text((await get('/2022/101017/')).body)).toContain('公开日期2023年10月10日');
    const history = singleJson(await cli('submissions', '--unit', '101017', '--year', '2022', '--json')) as {
      submissions: { imported?: { source: string } }[];
      actions: { action: string }[];
    };
    expect(history.submissions[0]?.imported?.source).toBe('https://czj.wuhan.gov.cn/2022/101017.html');
    expect(history.actions.map((a) => a.action)).toEqual(['import']);
    const bad = await runCli([...args.slice(0, -1), '2023-02-30', '--source', 'https://x.example/']);
    expect(bad.code).toBe(2);
  });

  it('revalidate after a rule change lists the affected unit-year and changes nothing without --apply', async () => {
    const deps = await adminDeps({});
    const changedRule: typeof deps.validate = async (bytes, expect) => {
      const r = await validateWorkbook(bytes, expect);
      // Rules the catalog does not have (yet): a later catalog's findings.
      const extra = finding({
        rule: 'X-99' as RuleId,
        severity: 'warning',
        table: 'T6',
        message: '新规则：基本工资需说明',
      });
      return { ...r, report: { ...r.report, findings: [...r.report.findings, extra] } };
    };
    const before = (await get(PAGE)).body;
    const store = new DynamoDisclosureStore(stack.tableName);
    const pointer = await store.getCurrent('101017', 2023);
    const dry = await revalidateYear({ ...deps, validate: changedRule }, 2023, { apply: false });
    expect(dry.map((e) => [e.unit, e.outcome, e.pageChanged, e.applied])).toEqual([['101017', 'changed', true, false]]);
    expect(dry[0]?.findingsAdded.map((f) => f.rule)).toEqual(['X-99']);
    expect((await get(PAGE)).body).toBe(before);
    expect(await store.getCurrent('101017', 2023)).toEqual(pointer);
    // With the rules unchanged, the CLI finds nothing to do.
    const unchanged = singleJson(await cli('revalidate', '--year', '2023', '--json')) as { affected: unknown[] };
    expect(unchanged.affected).toEqual([]);
    // A rule that now rejects: listed, stays published even with --apply.
    const rejecting: typeof deps.validate = async (bytes, expect) => {
      const r = await validateWorkbook(bytes, expect);
      const error = finding({ rule: 'X-98' as RuleId, severity: 'error', message: '新规则：不予通过' });
      return { ...r, report: { ...r.report, status: 'rejected', findings: [...r.report.findings, error] } };
    };
    const strict = await revalidateYear({ ...deps, validate: rejecting }, 2023, { apply: true });
    expect(strict.map((e) => [e.outcome, e.applied])).toEqual([['would-reject', false]]);
    expect((await get(PAGE)).body).toBe(before);
    // --apply republishes the changed page with the new finding in 数据说明.
    const applied = await revalidateYear({ ...deps, validate: changedRule }, 2023, { apply: true });
    expect(applied[0]?.applied).toBe(true);
    expect((await get(PAGE)).body).toContain('新规则：基本工资需说明');
    expect(await store.getCurrent('101017', 2023)).toEqual(pointer);
  });
});
