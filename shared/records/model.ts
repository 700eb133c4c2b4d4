/**
 * What the finance bureau (财政局) keeps about each unit-year beside the publications themselves (issue 13):
 * withdrawals, 批复日期 set by an administrator, the record of every administrative action, and the status row the
 * admin report is built from. Plain JSON, stored in the one DynamoDB table (see admin-store.ts for the keys).
 */

/** Who did something and when: the AWS principal (deployed) or `local:{OS user}`; ISO timestamp. */
export interface Actor {
  by: string;
  at: string;
}

/** A unit-year taken down by an administrator (`withdraw`); `restore` deletes it. */
export interface Withdrawal extends Actor {
  reason: string;
}

/** 批复日期 set by an administrator (`approvals set`); wins over the workbook's 补充信息. */
export interface ApprovalOverride extends Actor {
  /** ISO `YYYY-MM-DD`. */
  date: string;
}

export type AdminActionKind = 'withdraw' | 'restore' | 'approval' | 'import' | 'revalidate';

/** One administrative action on a unit-year, listed by `submissions`. */
export interface AdminAction extends Actor {
  action: AdminActionKind;
  unitCode: string;
  year: number;
  /** Chinese, one line: what was done (reason, date, source, what changed). */
  detail: string;
}

/**
 * Timeliness of a unit-year against the 20-day rule (《地方预决算公开操作规程》): 批复日期 + 20 calendar days.
 * - `on-time`: first published on or before the deadline;
 * - `late`: first published after it;
 * - `overdue`: the deadline has passed and nothing is published;
 * - `pending`: not published yet, the deadline not passed;
 * - `unknown`: no 批复日期 (never judged from upload time alone).
 */
export type Timeliness = 'on-time' | 'late' | 'overdue' | 'pending' | 'unknown';

export const TIMELINESS_LABEL: Record<Timeliness, string> = {
  'on-time': '按时公开',
  late: '逾期公开',
  overdue: '逾期未公开',
  pending: '未到期限',
  unknown: '无批复日期',
};

export type PublicationState = 'not-uploaded' | 'rejected' | 'published' | 'withdrawn';

export const STATE_LABEL: Record<PublicationState, string> = {
  'not-uploaded': '未上传',
  rejected: '未通过校验',
  published: '已公开',
  withdrawn: '已撤回',
};

export type ScoreDimension = 'completeness' | 'timeliness' | 'detail' | 'conformity';

export interface ScoreItem {
  dimension: ScoreDimension;
  item: string;
  points: number;
  /** Points deducted with the reason, empty when full marks. */
  lost: number;
  note: string | null;
}

/**
 * "Who has published": one row per registered unit and year. The stored row (`STATUS#{year}`) holds what only
 * storage can tell; the verdicts that depend on today (overdue, 及时性 points) are derived when shown.
 */
export interface StoredStatusRow {
  unit: string;
  name: string;
  department: string | null;
  /** Address-safe id of the department (its page address): what `--department` matches besides the name. */
  departmentId: string;
  year: number;
  state: PublicationState;
  /** 公开日期: the first publication (kept across corrections and withdrawal). */
  firstPublishedAt: string | null;
  /** 更新日期: the current version's publication when it is not the first. */
  updatedAt: string | null;
  approvedAt: string | null;
  approvalSource: 'admin' | 'workbook' | null;
  /** Published versions (imported ones included). */
  versions: number;
  imported: boolean;
  lastUploadAt: string | null;
  /** Errors of the latest upload (null: none yet). */
  lastErrors: number | null;
  /** Points of the current version by dimension, 及时性 excepted (added when shown); null: nothing published. */
  scoreBase: Omit<Record<ScoreDimension, number>, 'timeliness'> | null;
  withdrawal: Withdrawal | null;
  computedAt: string;
}

/**
 * The finance bureau's records beside the publications (issue 13), in the same table:
 *
 * | item                          | pk                 | sk                          |
 * |-------------------------------|--------------------|-----------------------------|
 * | withdrawal of a unit-year     | `UY#{code}#{year}` | `ADMIN#WITHDRAWN`           |
 * | 批复日期 set by an admin       | `UY#{code}#{year}` | `ADMIN#APPROVAL`            |
 * | admin action (history)        | `UY#{code}#{year}` | `ADMIN#ACT#{at}#{random}`   |
 * | status row of the admin report| `STATUS#{year}`    | `UNIT#{code}`               |
 *
 * Catalog removal (withdraw) deletes the unit's `DEPT#{year}#{slug}`/`UNIT#{code}` and `UNITPUB#{code}`/`YEAR#{year}`
 * items; withdraw then records the department's index change, so the index pages are rebuilt without it.
 */
export interface AdminStore {
  getWithdrawal(unitCode: string, year: number): Promise<Withdrawal | null>;
  putWithdrawal(unitCode: string, year: number, w: Withdrawal): Promise<void>;
  deleteWithdrawal(unitCode: string, year: number): Promise<void>;
  getApproval(unitCode: string, year: number): Promise<ApprovalOverride | null>;
  putApproval(unitCode: string, year: number, a: ApprovalOverride): Promise<void>;
  recordAction(a: AdminAction): Promise<void>;
  listActions(unitCode: string, year: number): Promise<AdminAction[]>;
  putStatusRow(row: StoredStatusRow): Promise<void>;
  listStatusRows(year: number): Promise<StoredStatusRow[]>;
  /** Atomic ADD 1 to the year's status change counter (after a row is written); returns the new value. */
  recordStatusChange(year: number): Promise<number>;
  /** The counter and the value the last completed report build read before reading the rows. */
  statusReportState(year: number): Promise<{ changes: number; built: number }>;
  /** Records a completed build that read counter `built`; never moves `built` backwards. */
  markStatusReportBuilt(year: number, built: number): Promise<void>;
  /** Removes the unit-year from its department's listing (slug) and from the unit's years. */
  removeCatalogEntry(year: number, unitCode: string, departmentSlug: string): Promise<void>;
}

/** Private reports of the finance bureau go under this prefix of the upload bucket (never the public site). */
export const ADMIN_PREFIX = 'admin/';
export const adminReportKey = (year: number, ext: 'html' | 'csv' | 'json') => `${ADMIN_PREFIX}${year}/status.${ext}`;

export interface AdminReportSink {
  put(key: string, body: string, contentType: string): Promise<void>;
}
