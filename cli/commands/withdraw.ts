import { parseArgs } from 'node:util';
import { restore, withdraw } from '../../shared/admin/operations.ts';
import { UNIT_CODE } from '../../shared/ingest/upload-key.ts';
import { ADMIN_TARGET_OPTIONS, withAdmin } from '../admin-deps.ts';
import { inertJson, inertLine } from '../inert.ts';

/**
 * `withdraw --unit CODE --year Y --reason 原因`: the public page becomes a notice (date, reason), data.json/data.csv
 * are deleted, the unit-year leaves the listings and catalogs. `restore --unit CODE --year Y` publishes it again.
 * Both are recorded with who and when (`submissions`).
 */
export async function runWithdraw(args: string[], mode: 'withdraw' | 'restore' = 'withdraw'): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      unit: { type: 'string' },
      year: { type: 'string' },
      reason: { type: 'string' },
      json: { type: 'boolean', default: false },
      ...ADMIN_TARGET_OPTIONS,
    },
  });
  const year = Number(values.year);
  const usage =
    mode === 'withdraw'
      ? '用法：withdraw --unit CODE --year 年度 --reason 撤回原因'
      : '用法：restore --unit CODE --year 年度';
  if (
    !values.unit ||
    !UNIT_CODE.test(values.unit) ||
    !Number.isInteger(year) ||
    (mode === 'withdraw' && !values.reason)
  ) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const unit = values.unit;
  return withAdmin(values, async (deps) => {
    const paths =
      mode === 'withdraw' ? await withdraw(deps, unit, year, values.reason ?? '') : await restore(deps, unit, year);
    if (values.json) process.stdout.write(inertLine`${inertJson({ unit, year, action: mode, by: deps.by, paths })}\n`);
    else
      process.stdout.write(
        mode === 'withdraw'
          ? inertLine`已撤回 ${unit} ${year} 年度公开（操作人 ${deps.by}）：页面改为撤回说明，开放数据已删除，已从目录中移除。\n`
          : inertLine`已恢复 ${unit} ${year} 年度公开（操作人 ${deps.by}）。\n`,
      );
    return 0;
  });
}

export const runRestore = (args: string[]) => runWithdraw(args, 'restore');
