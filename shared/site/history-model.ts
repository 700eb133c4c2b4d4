import type { TableId } from '../disclosure/model.ts';

/**
 * The publication record of a unit-year as the page shows it (issue 13): 公开日期 is the first publication, kept
 * across corrections; each later version has its date and what changed (更正说明); every version has a stable
 * address. Built by shared/admin/publication-history.ts from the stored versions; renderers only read it.
 */
/** What changed from one version to the next (computed by shared/admin/diff-versions.ts). */
export interface FigureChange {
  table: TableId;
  tableName: string;
  /** Row key in the table (`L27`, a classification code, `total`). */
  rowKey: string;
  /** Row label as printed in the newer version (the older when the row was removed). */
  rowName: string;
  code: string | null;
  /** 栏次 and its label. */
  column: number;
  columnLabel: string;
  /** null: the row (or table) was not in that version. */
  old: string | null;
  new: string | null;
}

export interface TextChange {
  /** Chinese name of the part (`单位职责`, `重点工作完成情况`, `收入支出决算总表 表注`). */
  part: string;
}

export interface VersionDiff {
  figures: FigureChange[];
  texts: TextChange[];
}

/** A withdrawn unit-year as its notice shows it. */
export interface WithdrawalNotice {
  reason: string;
  /** ISO timestamp of the withdrawal. */
  at: string;
}

export interface VersionEntry {
  version: string;
  /** ISO timestamp (or date, for an imported version) of its publication. */
  publishedAt: string;
  /** Published elsewhere and imported by an administrator (`import --source`). */
  importedFrom: string | null;
  /** Changes from the version before it; null for the first. */
  diff: VersionDiff | null;
}

export interface DisclosureHistory {
  /** The version readers follow (`/{year}/{code}/`). */
  currentVersion: string;
  /** Oldest first. */
  versions: VersionEntry[];
  /** 公开日期: the first publication. */
  firstPublishedAt: string;
  /** 更新日期: the current version's publication when it is not the first; null otherwise. */
  updatedAt: string | null;
  /** 批复日期 as resolved: an administrator's (`approvals set`) wins over the workbook's 补充信息. */
  approvalDate: string | null;
  approvalSource: 'admin' | 'workbook' | null;
}

/** Stable address of one version's page: `{year}/{code}/v/{version}/index.html`. */
export function versionPath(year: number, code: string, version: string): string {
  return `${year}/${code}/v/${version}/index.html`;
}
