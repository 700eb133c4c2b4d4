import { parseArgs } from 'node:util';
import { UNIT_CODE } from '../../shared/ingest/upload-key.ts';
import type { AdminAction } from '../../shared/records/model.ts';
import { DynamoAdminStore } from '../../shared/storage/dynamo-admin-store.ts';
import { DynamoDisclosureStore } from '../../shared/storage/dynamo-store.ts';
import { inertJson, inertText } from '../../shared/text/terminal.ts';
import { resolveTarget, TargetError } from '../stack-target.ts';

/**
 * `submissions --unit CODE --year YYYY [--json]`: the upload history of one unit-year, newest first, with the
 * current publication marked — what an admin checks when a unit asks "which of my uploads is online?".
 */
export async function runSubmissions(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      unit: { type: 'string' },
      year: { type: 'string' },
      json: { type: 'boolean', default: false },
      table: { type: 'string' },
      region: { type: 'string' },
    },
  });
  const year = Number(values.year);
  if (!values.unit || !UNIT_CODE.test(values.unit) || !Number.isInteger(year)) {
    process.stderr.write('用法：submissions --unit CODE --year YYYY [--json]\n');
    return 2;
  }
  let store: DynamoDisclosureStore;
  let admin: DynamoAdminStore;
  try {
    const target = resolveTarget({ table: values.table, region: values.region });
    if (!target.tableName) {
      process.stderr.write('请用 --table 或 GONGKAI_TABLE 指定 DynamoDB 表名。\n');
      return 2;
    }
    store = new DynamoDisclosureStore(target.tableName);
    admin = new DynamoAdminStore(target.tableName);
  } catch (error) {
    if (error instanceof TargetError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const [submissions, current, actions] = await Promise.all([
    store.listSubmissions(values.unit, year),
    store.getCurrent(values.unit, year),
    admin.listActions(values.unit, year),
  ]);
  submissions.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
  // Admin actions (withdraw, restore, 批复日期, import, revalidate) with who and when, newest first (issue 13).
  actions.sort((a: AdminAction, b: AdminAction) => b.at.localeCompare(a.at));
  if (values.json) {
    process.stdout.write(`${inertJson({ current: current?.version ?? null, submissions, actions })}\n`);
    return 0;
  }
  for (const a of actions)
    process.stdout.write(`${inertText(`${a.at}  管理操作（${a.action}）  ${a.detail}  操作人 ${a.by}`)}\n`);
  if (submissions.length === 0) {
    process.stdout.write(`${inertText(`单位 ${values.unit} ${year} 年度没有上传记录。`)}\n`);
    return 0;
  }
  const label: Record<string, string> = {
    published: '已发布',
    rejected: '未通过',
    superseded: '已被更新的上传替代',
    processing: '处理中',
    failed: '处理失败',
  };
  for (const s of submissions) {
    const mark = s.version !== null && s.version === current?.version ? '  ← 现行公开版本' : '';
    const counts = s.summary ? `错误 ${s.summary.errors} 警告 ${s.summary.warnings} 提示 ${s.summary.notices}` : '';
    // Keys and ids come from uploads: printed without control characters (issue 11).
    process.stdout.write(
      `${inertText(`${s.receivedAt}  ${label[s.status] ?? s.status}${s.imported ? `（导入，原公开于 ${s.imported.publishedAt} ${s.imported.source}，操作人 ${s.imported.by}）` : ''}  ${counts}  ${s.key}  (${s.uploadId})${mark}`)}\n`,
    );
  }
  return 0;
}
