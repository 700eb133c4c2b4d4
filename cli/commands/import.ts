import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { importVersion } from '../../shared/admin/operations.ts';
import { UNIT_CODE } from '../../shared/ingest/upload-key.ts';
import { formatReportText } from '../../shared/report/format-text.ts';
import { ADMIN_TARGET_OPTIONS, withAdmin } from '../admin-deps.ts';
import { inertJson, inertLine } from '../inert.ts';

/**
 * `import FILE --unit CODE --year Y --published-at YYYY-MM-DD --source URL`: backfills a year the unit published
 * elsewhere. Checked like an upload; when accepted it is published here marked as imported, its 公开日期 the date it
 * was first published there. Exit 0 published/recorded/duplicate, 1 rejected, 2 usage or file errors.
 */
export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      unit: { type: 'string' },
      year: { type: 'string' },
      'published-at': { type: 'string' },
      source: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...ADMIN_TARGET_OPTIONS,
    },
  });
  const file = positionals[0];
  const year = Number(values.year);
  const publishedAt = values['published-at'];
  const source = values.source;
  if (!file || !values.unit || !UNIT_CODE.test(values.unit) || !Number.isInteger(year) || !publishedAt || !source) {
    process.stderr.write(
      '用法：import 文件.xlsx --unit CODE --year 年度 --published-at YYYY-MM-DD --source 原公开地址\n',
    );
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    process.stderr.write(`无法读取文件 ${file}：${(error as Error).message}\n`);
    return 2;
  }
  const unitCode = values.unit;
  return withAdmin(values, async (deps) => {
    const r = await importVersion(deps, { unitCode, year, bytes, fileName: basename(file), publishedAt, source });
    if (values.json) {
      process.stdout.write(
        inertLine`${inertJson({ status: r.status, uploadId: r.uploadId, summary: r.report.summary })}\n`,
      );
    } else {
      const said = {
        published: `已导入并发布（公开日期 ${publishedAt}，原公开地址 ${source}）。`,
        recorded: '已导入为历史版本（该年度已有更晚的公开版本）。',
        duplicate: '该文件已按相同日期和地址导入过，未重复导入。',
        rejected: '未通过校验，未导入：',
      }[r.status];
      process.stdout.write(inertLine`${said}\n`);
      if (r.status === 'rejected') process.stdout.write(formatReportText(r.report));
    }
    return r.status === 'rejected' ? 1 : 0;
  });
}
