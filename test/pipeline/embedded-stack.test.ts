import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleS3Event } from '../../functions/ingest/handler.ts';
import type { S3Event } from '../../functions/ingest/s3-event.ts';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack.ts';
import { encodeEventKey } from '../../shared/ingest/upload-key.ts';
import { DynamoDisclosureStore, DynamoUnitRegistry } from '../../shared/storage/dynamo-store.ts';
import { s3Client } from '../../shared/storage/s3-store.ts';
import { SEED_UNIT, seedBytes, seedWith } from './workbooks.ts';

/**
 * Integration: the real handler code, the real AWS SDK, the embedded S3 and DynamoDB servers, and the local
 * CloudFront stand-in — the acceptance of the event-driven pipeline.
 */
let dataDir: string;
let stack: EmbeddedStack;
let crashOnce = false;

const PAGE_PATH = '/2023/101017/';
const T1 = '收入支出决算总表';

async function put(key: string, body: Uint8Array) {
  await s3Client().send(new PutObjectCommand({ Bucket: stack.uploadBucket, Key: key, Body: body }));
  await stack.idle();
  return stack.outcomes.at(-1);
}

async function page(path = PAGE_PATH) {
  const r = await fetch(`${stack.siteUrl}${path}`);
  return { status: r.status, body: await r.text(), headers: r.headers };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gongkai-stack-'));
  stack = await startEmbeddedStack({
    dataDir,
    customizeDeps: (deps) => ({
      ...deps,
      fault: (point) => {
        if (crashOnce && point === 'after-version') {
          crashOnce = false;
          throw new Error('injected crash between the figure writes and the pointer flip');
        }
      },
    }),
  });
  await new DynamoUnitRegistry(stack.tableName).put(SEED_UNIT);
});

afterAll(async () => {
  await stack?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded stack: upload → validate → store → render → serve', () => {
  it('publishes the seed uploaded under a key with spaces and Chinese, and serves its page', async () => {
    const outcome = await put('uploads/101017/2023/2023年 决算 公开+终稿.xlsx', seedBytes());
    expect(outcome?.status).toBe('published');
    expect(outcome?.url).toBe(`${stack.siteUrl}${PAGE_PATH}`);
    const { status, body, headers } = await page();
    expect(status).toBe(200);
    expect(body).toContain('武汉市财政局信息中心');
    expect(body).toContain('635.55');
    expect(body).toContain('501.59');
    expect(headers.get('content-security-policy')).toContain("default-src 'none'");
    const report = await s3Client().send(
      new GetObjectCommand({ Bucket: stack.uploadBucket, Key: `${outcome?.reportPath}.json` }),
    );
    expect(JSON.parse(await (report.Body?.transformToString() ?? '{}')).summary).toMatchObject({
      errors: 0,
      notices: 7,
    });
    expect((await page('/')).body).toContain('2023');
    expect((await page('/no/such/page/')).status).toBe(404);
  });

  it('rejects a broken copy with a report in the bucket and leaves the page unchanged', async () => {
    const before = (await page()).body;
    const outcome = await put('uploads/101017/2023/broken.xlsx', await seedWith({ [T1]: { F7: 470.96 } }));
    expect(outcome?.status).toBe('rejected');
    const report = JSON.parse(
      (await (
        await s3Client().send(new GetObjectCommand({ Bucket: stack.uploadBucket, Key: `${outcome?.reportPath}.json` }))
      ).Body?.transformToString()) ?? '{}',
    );
    expect(report.status).toBe('rejected');
    expect(
      report.findings.some((f: { cell: string; severity: string }) => f.cell === 'F7' && f.severity === 'error'),
    ).toBe(true);
    const html = await s3Client().send(
      new GetObjectCommand({ Bucket: stack.uploadBucket, Key: `${outcome?.reportPath}.html` }),
    );
    expect(await html.Body?.transformToString()).toContain('校验未通过');
    expect((await page()).body).toBe(before);
  });

  it('changes nothing when an event is delivered twice', async () => {
    const key = 'uploads/101017/2023/twice.xlsx';
    const first = await put(key, seedBytes());
    const store = new DynamoDisclosureStore(stack.tableName);
    const pointer = await store.getCurrent('101017', 2023);
    const event = stack.events.at(-1) as S3Event;
    expect(decodeURIComponent(event.Records[0]?.s3.object.key ?? '')).toBe(key);
    // At-least-once delivery: the very same event again, three times.
    const again = (await Promise.all([1, 2, 3].map(() => handleS3Event(event, stack.deps)))).flat();
    expect(again.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(first?.status).toBe('published');
    expect((await store.getCurrent('101017', 2023))?.version).toBe(pointer?.version);
    const submissions = (await store.listSubmissions('101017', 2023)).filter((s) => s.key === key);
    expect(submissions.filter((s) => s.status === 'published')).toHaveLength(1);
  });

  it('keeps the newer publication when an older upload event arrives late', async () => {
    const store = new DynamoDisclosureStore(stack.tableName);
    const current = await store.getCurrent('101017', 2023);
    // A newer upload at another key is published first …
    await put('uploads/101017/2023/final.xlsx', seedBytes());
    const afterOld = await store.getCurrent('101017', 2023);
    // … then a late event of an upload made a day earlier (at another key) must not replace it.
    const [late] = await handleS3Event(
      {
        Records: [
          {
            eventName: 'ObjectCreated:Put',
            eventTime: new Date(Date.now() - 86_400_000).toISOString(),
            s3: {
              bucket: { name: stack.uploadBucket },
              object: { key: encodeEventKey('uploads/101017/2023/twice.xlsx'), sequencer: '0001' },
            },
          },
        ],
      },
      stack.deps,
    );
    expect(late?.status).toBe('superseded');
    expect((await store.getCurrent('101017', 2023))?.version).toBe(afterOld?.version);
    expect(afterOld?.version).not.toBe(current?.version);
  });

  it('recovers from a crash between the figure writes and the pointer flip: consistent state, no partial page', async () => {
    crashOnce = true;
    const store = new DynamoDisclosureStore(stack.tableName);
    const outcome = await put('uploads/101017/2023/crash.xlsx', await seedWith({}));
    expect(crashOnce).toBe(false);
    expect(outcome?.status).toBe('published');
    expect((await store.getCurrent('101017', 2023))?.version).toBe(outcome?.uploadId);
    const { body } = await page();
    expect(body.trimEnd().endsWith('</html>')).toBe(true);
    expect(stack.deadLetters).toHaveLength(0);
    const crashed = (await store.listSubmissions('101017', 2023)).filter((s) => s.key.endsWith('crash.xlsx'));
    expect(crashed.map((s) => s.status)).toEqual(['published']);
  });

  it('rejects a workbook whose unit is not the uploading unit', async () => {
    await new DynamoUnitRegistry(stack.tableName).put({
      code: 'P01',
      name: '武汉市园林和林业局',
      department: '武汉市园林和林业局',
      aliases: [],
    });
    const outcome = await put('uploads/P01/2023/a.xlsx', seedBytes());
    expect(outcome?.status).toBe('rejected');
    expect(outcome?.report?.findings.find((f) => f.rule === 'S-04')?.severity).toBe('error');
    expect((await page('/2023/P01/')).status).toBe(404);
  });

  it('serves the CLI: upload --json prints the report with the URL and exits 0', async () => {
    const r = await cli([
      'upload',
      'test/fixtures/seed-2023-wuhan-info-center.xlsx',
      '--unit',
      '101017',
      '--year',
      '2023',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe('accepted');
    expect(out.url).toBe(`${stack.siteUrl}${PAGE_PATH}`);
    expect((await fetch(out.url)).status).toBe(200);
    const units = await cli(['units', 'list', '--json']);
    expect(JSON.parse(units.stdout)).toContainEqual({
      code: '101017',
      name: SEED_UNIT.name,
      department: SEED_UNIT.department,
      // Registered before department codes (no code: the legacy page address until `units migrate-departments`).
      departmentCode: null,
    });
    const rejected = await cli([
      'upload',
      'test/fixtures/seed-2023-wuhan-info-center.xlsx',
      '--unit',
      'P01',
      '--year',
      '2023',
      '--json',
    ]);
    expect(rejected.status).toBe(1);
    // The admin's view of the history: every upload of the unit-year, the current one marked.
    const history = await cli(['submissions', '--unit', '101017', '--year', '2023', '--json']);
    expect(history.status).toBe(0);
    const { current, submissions } = JSON.parse(history.stdout) as {
      current: string;
      submissions: { status: string; version: string | null }[];
    };
    expect(submissions.filter((x) => x.version === current && x.status === 'published')).toHaveLength(1);
    expect(submissions.map((x) => x.status)).toContain('rejected');
  });
});

describe('units add --kind --department-code', () => {
  it('registers a 部门决算 unit, lists its kind, and refuses an unknown kind', async () => {
    const added = await cli([
      'units',
      'add',
      '--code',
      'D01',
      '--name',
      '武汉市财政局',
      '--department-code',
      '420100-001',
      '--kind',
      '部门',
    ]);
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('（部门决算）');
    expect(await new DynamoUnitRegistry(stack.tableName).get('D01')).toMatchObject({ kind: 'department' });
    const units = await cli(['units', 'list', '--json']);
    expect(JSON.parse(units.stdout)).toContainEqual({
      code: 'D01',
      name: '武汉市财政局',
      department: null,
      departmentCode: '420100-001',
      kind: 'department',
    });
    const bad = await cli([
      'units',
      'add',
      '--code',
      'D02',
      '--name',
      '某单位',
      '--department-code',
      'X1',
      '--kind',
      '主管',
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--kind');
    expect(await new DynamoUnitRegistry(stack.tableName).get('D02')).toBeNull();
    // The department code is required: it is the department's identity and address, the name only a label.
    const uncoded = await cli(['units', 'add', '--code', 'D03', '--name', '某单位', '--department', '某局']);
    expect(uncoded.status).toBe(2);
    expect(uncoded.stderr).toContain('--department-code');
    const badCode = await cli(['units', 'add', '--code', 'D03', '--name', '某单位', '--department-code', '教育局']);
    expect(badCode.stderr).toContain('主管部门编码');
  });

  it('migrate-departments gives legacy units their code and moves their published years to its page', async () => {
    const registry = new DynamoUnitRegistry(stack.tableName);
    await registry.put({ code: 'M01', name: '迁移测试单位', department: '迁移测试局', aliases: [] });
    const map = join(dataDir, 'departments.csv');
    writeFileSync(map, '主管部门名称,部门编码\n迁移测试局,420100-099\n');
    const dry = await cli(['units', 'migrate-departments', '--map', map, '--dry-run']);
    expect(dry.stdout).toContain('M01');
    expect((await registry.get('M01'))?.departmentCode).toBeUndefined();
    const run = await cli(['units', 'migrate-departments', '--map', map]);
    expect(run.stdout).toContain('→ 420100-099');
    expect((await registry.get('M01'))?.departmentCode).toBe('420100-099');
  });
});

/** Runs the CLI as a user would, without blocking this process (which serves the stack it talks to). */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'cli/main.ts', ...args], {
      env: { ...process.env, GONGKAI_DATA_DIR: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
