import { isoDateInChina } from '../explain/format.ts';
import type { RegisteredUnit, StoredVersion, UnitRegistry } from '../ports.ts';
import {
  ADMIN_PREFIX,
  type AdminReportSink,
  type AdminStore,
  adminReportKey,
  STATE_LABEL,
  TIMELINESS_LABEL,
} from '../records/model.ts';
import { html } from '../site/escape-html.ts';
import { csvField } from '../site/open-data.ts';

export { ADMIN_PREFIX, type AdminReportSink, adminReportKey };

import { DIMENSION_LABEL, DIMENSION_MAX, type ScoreDimension } from './score.ts';
import { computeStatusRow, emptyRow, type StatusDeps, type StatusRow, statusRow, totals } from './status.ts';

/**
 * The finance bureau's private report of a year: who has published, when, how timely, with what score. Written to
 * the UPLOAD bucket under `admin/{year}/status.html|.csv|.json` (never to the public site; units' IAM policies
 * reach only their own `uploads/` and `reports/` prefixes), and kept current: every upload and every admin action
 * refreshes its unit's row (`STATUS#{year}` in the table) and writes the report again from the stored rows.
 */

/** The issue's column order (status --csv, the report's CSV and table). */
export const STATUS_COLUMNS = [
  'unit',
  'name',
  'department',
  'state',
  'timeliness',
  'firstPublishedAt',
  'updatedAt',
  'approvedAt',
  'deadline',
  'versions',
  'lastUploadAt',
  'lastErrors',
  'score',
] as const;

export class MemoryAdminReportSink implements AdminReportSink {
  readonly files = new Map<string, string>();
  async put(key: string, body: string): Promise<void> {
    this.files.set(key, body);
  }
}

function cell(r: StatusRow, column: (typeof STATUS_COLUMNS)[number]): string | number | null {
  switch (column) {
    case 'versions':
      return r.versions;
    case 'lastErrors':
      return r.lastErrors;
    case 'score':
      return r.score;
    default:
      return r[column];
  }
}

export function statusCsv(rows: readonly StatusRow[]): string {
  const lines = [STATUS_COLUMNS.join(',')];
  for (const r of rows) lines.push(STATUS_COLUMNS.map((c) => csvField(cell(r, c))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function statusJson(year: number, rows: readonly StatusRow[], generatedAt: Date) {
  return { year, generatedAt: generatedAt.toISOString(), rows, totals: totals(rows) };
}

const date = (iso: string | null) => (iso ? isoDateInChina(iso) : '—');

export function statusHtml(year: number, rows: readonly StatusRow[], generatedAt: Date): string {
  const t = totals(rows);
  const totalRow = (label: string, x: ReturnType<typeof totals>['year']) =>
    html`<tr><th scope="row">${label}</th><td>${x.units}</td><td>${x.byState.published}</td><td>${x.byState.withdrawn}</td><td>${x.byState.rejected}</td><td>${x.byState['not-uploaded']}</td><td>${x.byTimeliness['on-time']}</td><td>${x.byTimeliness.late}</td><td>${x.byTimeliness.overdue}</td><td>${x.byTimeliness.unknown}</td><td>${x.averageScore ?? '—'}</td></tr>`;
  const dims = Object.keys(DIMENSION_LABEL) as ScoreDimension[];
  const page = html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${year}年度决算公开情况（内部） - 管理报告</title>
<style>body{font-family:system-ui,"Noto Sans SC",sans-serif;margin:1.5rem;color:#1a1a1a}table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #888;padding:.25rem .5rem;text-align:left}td.n{text-align:right}caption{text-align:left;font-weight:bold}</style>
</head><body><main>
<h1>${year}年度决算公开情况（内部管理报告，不对外公开）</h1>
<p>生成时间：${generatedAt.toISOString()}。公开时限：决算批复后20日内（《地方预决算公开操作规程》）；及时性按首次公开日期判定，更正不改变首次公开日期。</p>
<table><caption>汇总</caption><thead><tr><th scope="col">范围</th><th scope="col">单位数</th><th scope="col">已公开</th><th scope="col">已撤回</th><th scope="col">未通过校验</th><th scope="col">未上传</th><th scope="col">按时公开</th><th scope="col">逾期公开</th><th scope="col">逾期未公开</th><th scope="col">无批复日期</th><th scope="col">平均得分</th></tr></thead>
<tbody>${t.departments.map((d) => totalRow(d.department ?? '未填主管部门', d))}${totalRow('全年度合计', t.year)}</tbody></table>
<table><caption>各单位明细（得分：${dims.map((d) => `${DIMENSION_LABEL[d]}${DIMENSION_MAX[d]}分`).join('、')}，满分100分）</caption>
<thead><tr><th scope="col">单位编码</th><th scope="col">单位名称</th><th scope="col">主管部门</th><th scope="col">状态</th><th scope="col">及时性</th><th scope="col">公开日期</th><th scope="col">更新日期</th><th scope="col">批复日期</th><th scope="col">公开时限</th><th scope="col">版本数</th><th scope="col">最近上传</th><th scope="col">最近上传错误数</th><th scope="col">得分</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr><td>${r.unit}</td><td>${r.name}</td><td>${r.department ?? '未填写'}</td><td>${STATE_LABEL[r.state]}${r.withdrawal ? html`（${r.withdrawal.reason}）` : ''}</td><td>${TIMELINESS_LABEL[r.timeliness]}${r.daysLate ? `（${r.daysLate}日）` : ''}</td><td>${date(r.firstPublishedAt)}</td><td>${date(r.updatedAt)}</td><td>${r.approvedAt ?? '—'}${r.approvalSource === 'admin' ? '（管理员录入）' : ''}</td><td>${r.deadline ?? '—'}</td><td class="n">${r.versions}${r.imported ? '（含导入）' : ''}</td><td>${date(r.lastUploadAt)}</td><td class="n">${r.lastErrors ?? '—'}</td><td class="n">${r.score ?? '—'}${r.scoreByDimension ? html`<br><small>${dims.map((d) => `${DIMENSION_LABEL[d]}${r.scoreByDimension?.[d]}`).join(' ')}</small>` : ''}</td></tr>\n`,
  )}</tbody></table>
</main></body></html>
`;
  return page.value;
}

export interface AdminReportDeps extends StatusDeps {
  registry: UnitRegistry;
  reports: AdminReportSink;
  now?: () => Date;
}

/** Stored rows of the year joined with the registry: a registered unit without a row has uploaded nothing. */
export async function yearRows(
  deps: { admin: AdminStore; registry: UnitRegistry },
  year: number,
  now: Date,
): Promise<StatusRow[]> {
  const [stored, units] = await Promise.all([deps.admin.listStatusRows(year), deps.registry.list()]);
  const byCode = new Map(stored.map((r) => [r.unit, r]));
  return units
    .map((u: RegisteredUnit) => {
      const row = byCode.get(u.code);
      // The registry is the truth for names and departments (a unit renamed since its row was written).
      return statusRow(row ? { ...row, name: u.name, department: u.department } : emptyRow(u, year, now), now);
    })
    .sort((a, b) => a.unit.localeCompare(b.unit));
}

export async function writeAdminReport(deps: AdminReportDeps, year: number): Promise<StatusRow[]> {
  const now = (deps.now ?? (() => new Date()))();
  const rows = await yearRows(deps, year, now);
  await deps.reports.put(adminReportKey(year, 'csv'), statusCsv(rows), 'text/csv; charset=utf-8');
  await deps.reports.put(
    adminReportKey(year, 'json'),
    `${JSON.stringify(statusJson(year, rows, now))}\n`,
    'application/json; charset=utf-8',
  );
  await deps.reports.put(adminReportKey(year, 'html'), statusHtml(year, rows, now), 'text/html; charset=utf-8');
  return rows;
}

/**
 * After an upload or an admin action on a unit-year: its row recomputed and stored, then the year's report written
 * again from the stored rows — coalesced as the index pages are (issue 12): each row write ADDs 1 to the year's
 * change counter; a build reads the counter before the rows and records it as built, so a refresh whose change an
 * already completed build covered writes nothing. A build that finds a newer build completed while it was writing
 * builds again, so the last report written holds every row. A burst of uploads of one year thus produces a few
 * builds, not one per upload.
 */
export async function refreshUnitYear(
  deps: AdminReportDeps,
  unitCode: string,
  year: number,
  /** A version the caller holds (the upload's), used instead of reading it back when it is the current one. */
  known: StoredVersion | null = null,
): Promise<void> {
  const unit = await deps.registry.get(unitCode);
  if (!unit) return;
  const now = (deps.now ?? (() => new Date()))();
  await deps.admin.putStatusRow(await computeStatusRow(deps, unit, year, now, known));
  const mine = await deps.admin.recordStatusChange(year);
  for (let round = 0; round < 5; round++) {
    const state = await deps.admin.statusReportState(year);
    if (state.built >= mine && round === 0) return;
    await writeAdminReport(deps, year);
    await deps.admin.markStatusReportBuilt(year, state.changes);
    const after = await deps.admin.statusReportState(year);
    // Nobody finished a newer build while this one was writing: the report written last is this one, or newer.
    if (after.built <= state.changes) return;
  }
}
