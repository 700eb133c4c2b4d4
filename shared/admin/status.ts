import type { CurrentPointer, DisclosureStore, RegisteredUnit, StoredVersion, Submission } from '../ports.ts';
import type {
  AdminStore,
  PublicationState,
  ScoreDimension,
  StoredStatusRow,
  Timeliness,
  Withdrawal,
} from '../records/model.ts';
import { departmentKey } from '../site/paths.ts';

export type { StoredStatusRow };

import { publishedVersions } from './publication-history.ts';
import { scoreVersion, timelinessPoints } from './score.ts';
import { timelinessOf } from './timeliness.ts';

export interface StatusRow extends StoredStatusRow {
  deadline: string | null;
  timeliness: Timeliness;
  daysLate: number;
  score: number | null;
  scoreByDimension: Record<ScoreDimension, number> | null;
}

export interface StatusDeps {
  store: DisclosureStore;
  admin: AdminStore;
}

/** The department id a unit is listed under: its code when it has one, else the slug of its name. */
export function departmentIdOf(unit: RegisteredUnit): string {
  return departmentKey(unit);
}

function latestUpload(subs: readonly Submission[]): Submission | null {
  const own = subs.filter((s) => !s.imported);
  return own.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))[0] ?? null;
}

/** Reads one unit-year (submissions, pointer, admin items, the current version) and builds its stored row. */
export async function computeStatusRow(
  deps: StatusDeps,
  unit: RegisteredUnit,
  year: number,
  now: Date = new Date(),
  known: StoredVersion | null = null,
): Promise<StoredStatusRow> {
  const [subs, pointer, withdrawal, approval] = await Promise.all([
    deps.store.listSubmissions(unit.code, year),
    deps.store.getCurrent(unit.code, year),
    deps.admin.getWithdrawal(unit.code, year),
    deps.admin.getApproval(unit.code, year),
  ]);
  const current = !pointer
    ? null
    : known?.version === pointer.version
      ? known
      : await deps.store.loadVersion(unit.code, year, pointer.version);
  const versions = publishedVersions(subs, pointer);
  const last = latestUpload(subs);
  const fromWorkbook = current?.supplement?.profile.approvalDate ?? null;
  return {
    ...rowOf(unit, year),
    state: stateOf(pointer, withdrawal, subs),
    firstPublishedAt: versions[0]?.publishedAt ?? null,
    updatedAt: versions.length > 1 ? (versions.find((v) => v.version === pointer?.version)?.publishedAt ?? null) : null,
    approvedAt: approval?.date ?? fromWorkbook,
    approvalSource: approval ? 'admin' : fromWorkbook ? 'workbook' : null,
    versions: versions.length,
    imported: versions.some((v) => v.importedFrom !== null),
    lastUploadAt: last?.receivedAt ?? null,
    lastErrors: last?.summary?.errors ?? null,
    scoreBase: current ? scoreBaseOf(current) : null,
    withdrawal,
    computedAt: now.toISOString(),
  };
}

function stateOf(pointer: CurrentPointer | null, withdrawal: Withdrawal | null, subs: readonly Submission[]) {
  if (pointer) return withdrawal ? 'withdrawn' : 'published';
  return subs.length > 0 ? 'rejected' : 'not-uploaded';
}

/** A version's points by dimension without 及时性 (kept small: the admin report reads every row of a year). */
function scoreBaseOf(v: StoredVersion): NonNullable<StoredStatusRow['scoreBase']> {
  const base = { completeness: 0, detail: 0, conformity: 0 };
  for (const i of scoreVersion(v)) if (i.dimension !== 'timeliness') base[i.dimension] += i.points;
  return base;
}

/** Which unit and year a status row is about: the first fields of every row, stored or empty. */
function rowOf(unit: RegisteredUnit, year: number) {
  return { unit: unit.code, name: unit.name, department: unit.department, departmentId: departmentIdOf(unit), year };
}

/** A registered unit with nothing stored for the year. */
export function emptyRow(unit: RegisteredUnit, year: number, now: Date): StoredStatusRow {
  return {
    ...rowOf(unit, year),
    state: 'not-uploaded',
    firstPublishedAt: null,
    updatedAt: null,
    approvedAt: null,
    approvalSource: null,
    versions: 0,
    imported: false,
    lastUploadAt: null,
    lastErrors: null,
    scoreBase: null,
    withdrawal: null,
    computedAt: now.toISOString(),
  };
}

/** The verdicts of a stored row as of `today`. */
export function statusRow(stored: StoredStatusRow, today: Date): StatusRow {
  const t = timelinessOf({
    approvalDate: stored.approvedAt,
    firstPublishedAt: stored.firstPublishedAt,
    today: today.toISOString(),
  });
  const base = stored.scoreBase;
  const byDimension = base ? { ...base, timeliness: timelinessPoints(t.timeliness, t.daysLate).points } : null;
  const score = byDimension ? { total: Object.values(byDimension).reduce((n, p) => n + p, 0), byDimension } : null;
  return {
    ...stored,
    deadline: t.deadline,
    timeliness: t.timeliness,
    daysLate: t.daysLate,
    score: score?.total ?? null,
    scoreByDimension: score?.byDimension ?? null,
  };
}

/** Rows of a year for the registered units (optionally one department), fresh from storage, unit-code order. */
export async function computeYearStatus(
  deps: StatusDeps & { units: readonly RegisteredUnit[] },
  year: number,
  now: Date = new Date(),
  concurrency = 8,
): Promise<StoredStatusRow[]> {
  const queue = [...deps.units].sort((a, b) => a.code.localeCompare(b.code));
  const out: StoredStatusRow[] = [];
  const worker = async () => {
    for (let u = queue.shift(); u; u = queue.shift()) out.push(await computeStatusRow(deps, u, year, now));
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return out.sort((a, b) => a.unit.localeCompare(b.unit));
}

export interface StatusTotals {
  /** Department name (null: 未填主管部门), or null for the year. */
  department: string | null;
  departmentId: string | null;
  units: number;
  byState: Record<PublicationState, number>;
  byTimeliness: Record<Timeliness, number>;
  /** Average score of the scored rows, one decimal (null: none scored). */
  averageScore: string | null;
}

function totalsOf(rows: readonly StatusRow[], department: string | null, departmentId: string | null): StatusTotals {
  const byState = { 'not-uploaded': 0, rejected: 0, published: 0, withdrawn: 0 } as Record<PublicationState, number>;
  const byTimeliness = { 'on-time': 0, late: 0, overdue: 0, pending: 0, unknown: 0 } as Record<Timeliness, number>;
  for (const r of rows) {
    byState[r.state]++;
    byTimeliness[r.timeliness]++;
  }
  const scored = rows.filter((r) => r.score !== null);
  // Integer points: the sum ×10 / n, rounded half up, is exact without floats.
  const sum = scored.reduce((n, r) => n + (r.score ?? 0), 0);
  const tenths = scored.length ? Math.floor((sum * 20 + scored.length) / (2 * scored.length)) : 0;
  return {
    department,
    departmentId,
    units: rows.length,
    byState,
    byTimeliness,
    averageScore: scored.length ? `${Math.floor(tenths / 10)}.${tenths % 10}` : null,
  };
}

/** Totals per department (name order) and for the year. */
export function totals(rows: readonly StatusRow[]): { departments: StatusTotals[]; year: StatusTotals } {
  const groups = new Map<string, StatusRow[]>();
  for (const r of rows) groups.set(r.departmentId, [...(groups.get(r.departmentId) ?? []), r]);
  const departments = [...groups.entries()]
    .map(([id, rs]) => totalsOf(rs, rs[0]?.department ?? null, id))
    .sort((a, b) => (a.department ?? '').localeCompare(b.department ?? '', 'zh-CN'));
  return { departments, year: totalsOf(rows, null, null) };
}

/** `--department` matches the department's name or its id (code / page address). */
export function inDepartment(
  row: { department: string | null; departmentId: string },
  department: string | undefined,
): boolean {
  return department === undefined || row.departmentId === department || row.department === department;
}
