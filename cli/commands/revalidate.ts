import { parseArgs } from 'node:util';
import { revalidateYear } from '../../shared/admin/revalidate.ts';
import { UNIT_CODE } from '../../shared/ingest/upload-key.ts';
import { ADMIN_TARGET_OPTIONS, withAdmin } from '../admin-deps.ts';
import { inertJson, inertLine } from '../inert.ts';

/**
 * `revalidate --year Y [--unit CODE] [--apply] [--json]`: the current rules run again on each current version's
 * original upload; lists the unit-years whose status, findings or generated text would change. Without --apply
 * nothing is written. With it, the accepted ones whose page changes are republished; one that would now be rejected
 * is listed and stays published until withdrawn. Exit 0, or 1 when some unit-year would now be rejected.
 */
export async function runRevalidate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      year: { type: 'string' },
      unit: { type: 'string' },
      apply: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      ...ADMIN_TARGET_OPTIONS,
    },
  });
  const year = Number(values.year);
  if (!Number.isInteger(year) || (values.unit !== undefined && !UNIT_CODE.test(values.unit))) {
    process.stderr.write('用法：revalidate --year 年度 [--unit CODE] [--apply] [--json]\n');
    return 2;
  }
  return withAdmin(values, async (deps) => {
    const entries = await revalidateYear(deps, year, { unit: values.unit, apply: values.apply });
    const affected = entries.filter((e) => e.outcome !== 'unchanged');
    const rejected = entries.some((e) => e.outcome === 'would-reject');
    if (values.json) {
      process.stdout.write(inertLine`${inertJson({ year, apply: values.apply, checked: entries.length, affected })}\n`);
      return rejected ? 1 : 0;
    }
    process.stdout.write(
      inertLine`按现行规则重新校验 ${year} 年度现行版本 ${entries.length} 个，有变化的 ${affected.length} 个。\n`,
    );
    for (const e of affected) {
      const what =
        e.outcome === 'would-reject'
          ? `现在将不通过校验（错误 ${e.errors} 项）；仍保持公开，如需下线请 withdraw`
          : e.outcome === 'unavailable'
            ? `无法重新校验：${e.reason}`
            : [
                e.findingsAdded.length ? `新增问题 ${e.findingsAdded.length} 项` : null,
                e.findingsRemoved.length ? `消除问题 ${e.findingsRemoved.length} 项` : null,
                e.textChanged.length ? `情况说明变化：${e.textChanged.join('、')}` : null,
                e.pageChanged ? '公开页面将变化' : null,
                e.applied ? '已重新发布' : null,
              ]
                .filter(Boolean)
                .join('；');
      process.stdout.write(inertLine`${e.unit}  ${e.name}  ${e.year}  ${what}\n`);
      for (const f of e.findingsAdded.slice(0, 5)) process.stdout.write(inertLine`    + ${f.rule} ${f.message}\n`);
      for (const f of e.findingsRemoved.slice(0, 5)) process.stdout.write(inertLine`    - ${f.rule} ${f.message}\n`);
    }
    if (!values.apply && affected.some((e) => e.pageChanged))
      process.stdout.write('未写入任何内容；加 --apply 重新发布页面有变化的单位。\n');
    return rejected ? 1 : 0;
  });
}
