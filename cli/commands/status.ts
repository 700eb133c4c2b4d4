import { parseArgs } from 'node:util';
import { STATUS_COLUMNS, statusCsv, statusJson } from '../../shared/admin/admin-report.ts';
import { computeYearStatus, departmentIdOf, inDepartment, statusRow, totals } from '../../shared/admin/status.ts';
import { STATE_LABEL, TIMELINESS_LABEL } from '../../shared/records/model.ts';
import { ADMIN_TARGET_OPTIONS, withAdmin } from '../admin-deps.ts';
import { inertJson, inertLine } from '../inert.ts';

/**
 * `status --year Y [--department NAME|CODE] [--json|--csv]`: who has published — one row per registered unit, read
 * fresh from storage, with department and year totals. The same report, kept current by every upload and admin
 * action, is in the upload bucket at `admin/{year}/status.html|.csv|.json` (private).
 */
export async function runStatus(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      year: { type: 'string' },
      department: { type: 'string' },
      json: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
      ...ADMIN_TARGET_OPTIONS,
    },
  });
  const year = Number(values.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100 || (values.json && values.csv)) {
    process.stderr.write('用法：status --year 年度 [--department 主管部门] [--json|--csv]\n');
    return 2;
  }
  return withAdmin(values, async (deps) => {
    const now = new Date();
    const units = (await deps.registry.list()).filter((u) =>
      inDepartment({ department: u.department, departmentId: departmentIdOf(u) }, values.department),
    );
    const rows = (await computeYearStatus({ ...deps, units }, year, now)).map((r) => statusRow(r, now));
    if (values.json) {
      process.stdout.write(inertLine`${inertJson(statusJson(year, rows, now))}\n`);
      return 0;
    }
    if (values.csv) {
      process.stdout.write(statusCsv(rows));
      return 0;
    }
    if (rows.length === 0) {
      process.stdout.write(
        inertLine`没有已登记的单位${values.department ? `（主管部门 ${values.department}）` : ''}。\n`,
      );
      return 0;
    }
    process.stdout.write(inertLine`${year}年度决算公开情况（${STATUS_COLUMNS.length}列见 --csv）\n`);
    for (const r of rows) {
      const dates = [
        r.firstPublishedAt ? `公开 ${r.firstPublishedAt.slice(0, 10)}` : null,
        r.updatedAt ? `更新 ${r.updatedAt.slice(0, 10)}` : null,
        r.approvedAt ? `批复 ${r.approvedAt}` : null,
        r.deadline ? `时限 ${r.deadline}` : null,
      ]
        .filter(Boolean)
        .join('  ');
      process.stdout.write(
        inertLine`${r.unit}  ${r.name}  ${r.department ?? '未填主管部门'}  ${STATE_LABEL[r.state]}  ${TIMELINESS_LABEL[r.timeliness]}${r.daysLate ? `${r.daysLate}日` : ''}  ${dates}  版本 ${r.versions}  得分 ${r.score ?? '—'}\n`,
      );
    }
    const t = totals(rows);
    for (const d of [...t.departments, t.year]) {
      process.stdout.write(
        inertLine`${d.departmentId === null ? '合计' : (d.department ?? '未填主管部门')}：单位 ${d.units}，已公开 ${d.byState.published}，已撤回 ${d.byState.withdrawn}，未通过 ${d.byState.rejected}，未上传 ${d.byState['not-uploaded']}；按时 ${d.byTimeliness['on-time']}，逾期公开 ${d.byTimeliness.late}，逾期未公开 ${d.byTimeliness.overdue}；平均得分 ${d.averageScore ?? '—'}\n`,
      );
    }
    return 0;
  });
}
