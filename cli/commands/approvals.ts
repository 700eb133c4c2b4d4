import { parseArgs } from 'node:util';
import { setApproval } from '../../shared/admin/operations.ts';
import { deadlineOf } from '../../shared/admin/timeliness.ts';
import { UNIT_CODE } from '../../shared/ingest/upload-key.ts';
import { ADMIN_TARGET_OPTIONS, withAdmin } from '../admin-deps.ts';
import { inertLine } from '../inert.ts';

/**
 * `approvals set --unit CODE --year Y --date YYYY-MM-DD`: the 决算批复日期 of a unit-year as the finance bureau
 * records it (wins over the workbook's 补充信息); the deadline is that date + 20 calendar days.
 */
export async function runApprovals(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { unit: { type: 'string' }, year: { type: 'string' }, date: { type: 'string' }, ...ADMIN_TARGET_OPTIONS },
  });
  const year = Number(values.year);
  if (sub !== 'set' || !values.unit || !UNIT_CODE.test(values.unit) || !Number.isInteger(year) || !values.date) {
    process.stderr.write('用法：approvals set --unit CODE --year 年度 --date YYYY-MM-DD\n');
    return 2;
  }
  const { unit, date } = values;
  return withAdmin(values, async (deps) => {
    await setApproval(deps, unit, year, date);
    process.stdout.write(
      inertLine`已记录 ${unit} ${year} 年度决算批复日期 ${date}，公开时限 ${deadlineOf(date)}（操作人 ${deps.by}）。\n`,
    );
    return 0;
  });
}
