import { kindOf } from '../disclosure/kind.ts';
import { type DisclosureTable, TABLE_IDS, TABLE_NAMES, type TableRow } from '../disclosure/model.ts';
import type { StoredVersion } from '../ports.ts';
import type { ScoreDimension, ScoreItem, Timeliness } from '../records/model.ts';

export type { ScoreDimension, ScoreItem };

/**
 * 公开检查 score of a unit-year, modelled on the criteria of the annual 预决算公开检查 (完整性, 及时性, 细化程度,
 * 规范性). 100 points; the table is documented in docs/publication-check.md and its rows are {@link SCORE_ITEMS}.
 * Shown to the finance bureau (status, admin report), never on the public page.
 */
export const DIMENSION_LABEL: Record<ScoreDimension, string> = {
  completeness: '完整性',
  timeliness: '及时性',
  detail: '细化程度',
  conformity: '规范性',
};

export const DIMENSION_MAX: Record<ScoreDimension, number> = {
  completeness: 40,
  timeliness: 20,
  detail: 20,
  conformity: 20,
};

export interface Score {
  total: number;
  byDimension: Record<ScoreDimension, number>;
  items: ScoreItem[];
}

function nonZero(r: TableRow): boolean {
  return Object.values(r.cells).some((f) => !f.value.isZero());
}

/**
 * Share of the non-zero parent rows of `parentKind` that are broken down into at least one child of `childKind`
 * (a child's code starts with its parent's). 1 when there is no non-zero parent (nothing to break down).
 */
function breakdown(t: DisclosureTable | undefined, parentKind: TableRow['kind'], childKind: TableRow['kind']) {
  const rows = t?.rows ?? [];
  const parents = rows.filter((r) => r.kind === parentKind && r.code !== null && nonZero(r));
  const children = rows.filter((r) => r.kind === childKind && r.code !== null);
  const bare = parents.filter((p) => !children.some((c) => c.code?.startsWith(p.code ?? '\u0000')));
  return { parents: parents.length, bare: bare.map((p) => `${p.code} ${p.name}`) };
}

/** Points of 及时性 by verdict (on-time full, late within 10 days of the deadline half, later or unknown none). */
export function timelinessPoints(timeliness: Timeliness, daysLate: number): { points: number; note: string | null } {
  if (timeliness === 'on-time') return { points: 20, note: null };
  if (timeliness === 'late' && daysLate <= 10) return { points: 10, note: `晚于时限${daysLate}日公开` };
  if (timeliness === 'late') return { points: 0, note: `晚于时限${daysLate}日公开` };
  if (timeliness === 'unknown') return { points: 0, note: '无批复日期，无法判定' };
  return { points: 0, note: '尚未公开' };
}

/**
 * Everything but 及时性, from the stored current version: it changes only with a new version (or revalidation),
 * while 及时性 depends on dates and is added when a row is shown ({@link withTimeliness}).
 */
export function scoreVersion(v: StoredVersion): ScoreItem[] {
  const items: ScoreItem[] = [];
  const add = (dimension: ScoreDimension, item: string, points: number, lost: number, note: string | null = null) =>
    items.push({ dimension, item, points: points - lost, lost, note });

  // 完整性 (40): the nine tables (2 each, an empty table with its 无数据 statement counts) and the required parts.
  const missingTables = TABLE_IDS.filter((id) => v.disclosure.tables[id] === undefined);
  add(
    'completeness',
    '九张决算公开表',
    18,
    missingTables.length * 2,
    missingTables.length ? `缺少${missingTables.map((id) => TABLE_NAMES[id]).join('、')}` : null,
  );
  const s = v.supplement;
  const unitKind = kindOf(v.disclosure) === 'unit';
  const tp = s?.threePublic;
  const parts: [string, number, boolean][] = [
    ['单位职责', 2, Boolean(s?.profile.duties)],
    ['机构设置', 2, Boolean(s?.profile.organization)],
    ['“三公”经费数量（团组、车辆、接待）', 3, tp ? Object.values(tp).some((x) => x !== null) : false],
    ['机关运行经费', 3, s?.operatingCost != null],
    ['政府采购情况', 3, s ? Object.values(s.procurement).some((x) => x !== null) : false],
    [
      '国有资产占用情况',
      3,
      s ? s.assets.vehicles !== null || s.assets.equipment !== null || Boolean(s.assets.note) : false,
    ],
    [
      '预算绩效管理情况',
      3,
      s ? Boolean(s.performance.overview || s.performance.overallText) || s.performance.evaluations.length > 0 : false,
    ],
    [
      unitKind ? '重点工作完成情况及项目支出绩效自评表' : '重点工作（部门决算不要求）',
      3,
      !unitKind ||
        ((s?.keyWork.sections.length ?? 0) + (s?.keyWork.rows.length ?? 0) > 0 &&
          (s?.performance.evaluations.length ?? 0) > 0),
    ],
  ];
  for (const [name, points, present] of parts)
    add('completeness', name, points, present ? 0 : points, present ? null : '未提供');

  // 细化程度 (20): 功能分类 to 项 in 支出决算表 and 一般公共预算财政拨款支出决算表; 经济分类 to 款 in the 基本支出 table.
  const kuan = [breakdown(v.disclosure.tables.T3, 'kuan', 'xiang'), breakdown(v.disclosure.tables.T5, 'kuan', 'xiang')];
  const kuanParents = kuan.reduce((n, k) => n + k.parents, 0);
  const kuanBare = kuan.flatMap((k) => k.bare);
  const functional = kuanParents === 0 ? 10 : Math.floor((10 * (kuanParents - kuanBare.length)) / kuanParents);
  add(
    'detail',
    '支出功能分类公开到项级',
    10,
    10 - functional,
    kuanBare.length ? `未细化到项：${[...new Set(kuanBare)].join('、')}` : null,
  );
  const econ = breakdown(v.disclosure.tables.T6, 'econ-lei', 'econ-kuan');
  const economic = econ.parents === 0 ? 10 : Math.floor((10 * (econ.parents - econ.bare.length)) / econ.parents);
  add(
    'detail',
    '基本支出经济分类公开到款级',
    10,
    10 - economic,
    econ.bare.length ? `未细化到款：${econ.bare.join('、')}` : null,
  );

  // 规范性 (20): 4 per error (a published version has none), 1 per warning; rounding notices cost nothing.
  const errors = v.findings.filter((f) => f.severity === 'error').length;
  const warnings = v.findings.filter((f) => f.severity === 'warning').length;
  const lost = Math.min(20, errors * 4 + warnings);
  add(
    'conformity',
    '校验结果（错误每项扣4分，警告每项扣1分）',
    20,
    lost,
    lost ? `错误${errors}项，警告${warnings}项` : null,
  );
  return items;
}

/** The full score: the version's items and 及时性 from the unit-year's verdict. */
export function withTimeliness(items: readonly ScoreItem[], timeliness: Timeliness, daysLate: number): Score {
  const t = timelinessPoints(timeliness, daysLate);
  const all: ScoreItem[] = [
    ...items,
    { dimension: 'timeliness', item: '批复后20日内公开', points: t.points, lost: 20 - t.points, note: t.note },
  ];
  const byDimension = { completeness: 0, timeliness: 0, detail: 0, conformity: 0 } as Record<ScoreDimension, number>;
  for (const i of all) byDimension[i.dimension] += i.points;
  return { total: all.reduce((n, i) => n + i.points, 0), byDimension, items: all };
}
