import { createHash } from 'node:crypto';
import type { Validate } from '../ingest/ingest-upload.ts';
import { recordIndexChanges } from '../ingest/publish-site.ts';
import type { Logger } from '../log.ts';
import type {
  DisclosureStore,
  PublicationRecords,
  RegisteredUnit,
  SiteWriter,
  StoredVersion,
  Submission,
  UnitRegistry,
  UploadSource,
} from '../ports.ts';
import type { AdminActionKind, AdminStore, Withdrawal } from '../records/model.ts';
import type { ValidationReport } from '../rules/validate.ts';
import { departmentKey } from '../site/paths.ts';
import type { SiteRenderer, UnitInfo } from '../site/site-model.ts';
import { type AdminReportSink, refreshUnitYear } from './admin-report.ts';
import { publishedVersions } from './publication-history.ts';
import { isIsoDate } from './timeliness.ts';
import { openDataPaths, withdrawnFiles } from './withdrawn-site.ts';

/**
 * The finance bureau's actions on a unit-year (issue 13): withdraw / restore, 批复日期, importing a version published
 * elsewhere. Each one is recorded with who and when (listed by `submissions`) and refreshes the private status report.
 */
export interface AdminDeps {
  store: DisclosureStore;
  registry: UnitRegistry;
  admin: AdminStore;
  /** What a publication reads besides the version (publicationRecords(store, admin)). */
  records: PublicationRecords;
  /**
   * Publishes the unit-year's current version again (the pipeline's publication: page, open data, catalog entry,
   * listings — or the notice when it is withdrawn). Returns the paths written.
   */
  publish(unit: RegisteredUnit, year: number): Promise<string[]>;
  site: SiteWriter;
  renderer: SiteRenderer;
  reports: AdminReportSink;
  /** The upload bucket: originals are read back from it (revalidate) and imported files kept in it. */
  uploads: UploadSource;
  originals: OriginalStore;
  validate: Validate;
  maxUploadBytes: number;
  /** The principal acting (see principal.ts). */
  by: string;
  now?: () => Date;
  log?: Logger;
}

/** Where an imported workbook is kept (upload bucket, `imports/…`: outside `uploads/`, so no event fires). */
export interface OriginalStore {
  put(key: string, bytes: Uint8Array): Promise<{ versionId: string | null; etag: string | null }>;
}

export class AdminError extends Error {}

const nowOf = (deps: AdminDeps) => (deps.now ?? (() => new Date()))();

async function unitOf(deps: AdminDeps, code: string) {
  const unit = await deps.registry.get(code);
  if (!unit) throw new AdminError(`单位编码 ${code} 尚未登记。`);
  return unit;
}

async function record(deps: AdminDeps, action: AdminActionKind, unitCode: string, year: number, detail: string) {
  const at = nowOf(deps).toISOString();
  await deps.admin.recordAction({ action, unitCode, year, detail, by: deps.by, at });
}

async function refresh(deps: AdminDeps, unitCode: string, year: number) {
  await refreshUnitYear(deps, unitCode, year);
}

/** Tells the CDN, where the writer has one (pages expire within a minute anyway). */
async function invalidate(deps: AdminDeps, paths: string[]) {
  const site = deps.site as SiteWriter & { invalidate?: (paths: readonly string[]) => Promise<void> };
  try {
    await site.invalidate?.(paths);
  } catch (error) {
    deps.log?.warn('CDN invalidation failed; pages refresh when their cache expires', { error: String(error) });
  }
}

async function versionsOf(deps: AdminDeps, code: string, year: number): Promise<string[]> {
  const [subs, pointer] = await Promise.all([
    deps.store.listSubmissions(code, year),
    deps.store.getCurrent(code, year),
  ]);
  return publishedVersions(subs, pointer).map((v) => v.version);
}

/**
 * Takes a published unit-year down: its page (and every version page) replaced by a notice with the date and the
 * reason, data.json / data.csv deleted, its entries removed from the department and unit listings and catalogs.
 * The versions stay stored; `restore` publishes the current one again.
 */
export async function withdraw(deps: AdminDeps, unitCode: string, year: number, reason: string): Promise<string[]> {
  const unit = await unitOf(deps, unitCode);
  if (reason.trim() === '') throw new AdminError('请用 --reason 说明撤回原因（将在公开页面上显示）。');
  if (!(await deps.store.getCurrent(unitCode, year)))
    throw new AdminError(`单位 ${unitCode} ${year} 年度尚未公开，无需撤回。`);
  const already = await deps.admin.getWithdrawal(unitCode, year);
  const w: Withdrawal = already ?? { reason: reason.trim(), by: deps.by, at: nowOf(deps).toISOString() };
  if (!already) await deps.admin.putWithdrawal(unitCode, year, w);
  const info: UnitInfo = { code: unit.code, name: unit.name, department: unit.department };
  const files = withdrawnFiles(info, year, w, await versionsOf(deps, unitCode, year));
  await deps.site.write(files);
  const gone = openDataPaths(year, unitCode);
  if (!deps.site.remove) throw new AdminError('站点存储不支持删除文件，无法撤回开放数据。');
  await deps.site.remove(gone);
  // Leave the listing the unit is in for that year (its department may have changed since registration).
  const listed = (await deps.store.listUnitEntries(unitCode)).find((e) => e.year === year);
  const slug = departmentKey(listed?.unit ?? unit);
  await deps.admin.removeCatalogEntry(year, unitCode, slug);
  // The unit's page without the year, then the department's (and the year's) index pages through the pipeline's
  // change counter: rebuilt now, and any rebuild that read the listing before the removal is superseded.
  const remaining = (await deps.store.listUnitEntries(unitCode)).sort((a, b) => b.year - a.year);
  const unitPage = deps.renderer.unitPage(listed?.unit ?? info, remaining);
  await deps.site.write(unitPage);
  await recordIndexChanges(deps, year, [slug]);
  const indexes = unitPage.map((f) => f.path);
  if (!already) await record(deps, 'withdraw', unitCode, year, `撤回公开：${w.reason}`);
  await refresh(deps, unitCode, year);
  const paths = [...files.map((f) => f.path), ...gone, ...indexes];
  await invalidate(deps, paths);
  return paths;
}

/** Publishes a withdrawn unit-year's current version again: page, open data, listings. */
export async function restore(deps: AdminDeps, unitCode: string, year: number): Promise<string[]> {
  const unit = await unitOf(deps, unitCode);
  const w = await deps.admin.getWithdrawal(unitCode, year);
  if (!w) throw new AdminError(`单位 ${unitCode} ${year} 年度未被撤回。`);
  await deps.admin.deleteWithdrawal(unitCode, year);
  const paths = await deps.publish(unit, year);
  await record(deps, 'restore', unitCode, year, `恢复公开（撤回于 ${w.at.slice(0, 10)}，原因：${w.reason}）`);
  await refresh(deps, unitCode, year);
  return paths;
}

/** 批复日期 set by an administrator: wins over the workbook's; the page is published again to show it. */
export async function setApproval(deps: AdminDeps, unitCode: string, year: number, date: string): Promise<void> {
  const unit = await unitOf(deps, unitCode);
  if (!isIsoDate(date)) throw new AdminError(`批复日期“${date}”不是有效日期，请写成 YYYY-MM-DD。`);
  const previous = await deps.admin.getApproval(unitCode, year);
  await deps.admin.putApproval(unitCode, year, { date, by: deps.by, at: nowOf(deps).toISOString() });
  await record(deps, 'approval', unitCode, year, `批复日期设为 ${date}${previous ? `（原为 ${previous.date}）` : ''}`);
  if (await deps.store.getCurrent(unitCode, year)) await deps.publish(unit, year);
  await refresh(deps, unitCode, year);
}

export interface ImportResult {
  status: 'published' | 'recorded' | 'rejected' | 'duplicate';
  uploadId: string;
  report: ValidationReport;
}

/**
 * Backfills a year published elsewhere: the workbook is checked like an upload and, when accepted, stored as a
 * version marked imported, dated `publishedAt` (its first publication there) with its address there. It becomes
 * current unless the unit-year already has a later publication here (then it is history only).
 */
export async function importVersion(
  deps: AdminDeps,
  input: { unitCode: string; year: number; bytes: Uint8Array; fileName: string; publishedAt: string; source: string },
): Promise<ImportResult> {
  const unit = await unitOf(deps, input.unitCode);
  if (!isIsoDate(input.publishedAt))
    throw new AdminError(`--published-at“${input.publishedAt}”不是有效日期（YYYY-MM-DD）。`);
  if (!/^https?:\/\/\S+$/.test(input.source)) throw new AdminError(`--source 应为原公开地址（http:// 或 https://）。`);
  if (input.bytes.length > deps.maxUploadBytes) throw new AdminError('文件超过上传大小上限。');
  const { unitCode, year } = input;
  const uploadId = `i${createHash('sha256')
    .update(input.bytes)
    .update(`\n${input.publishedAt}\n${input.source}`)
    .digest('hex')
    .slice(0, 24)}`;
  const validated = await deps.validate(input.bytes, {
    unitName: unit.name,
    unitAliases: unit.aliases,
    year,
    kind: unit.kind ?? null,
  });
  const { report, read, supplement } = validated;
  const existing = await deps.store.getSubmission(unitCode, year, uploadId);
  if (existing && existing.status !== 'processing') return { status: 'duplicate', uploadId, report };
  const key = `imports/${unitCode}/${year}/${uploadId}.xlsx`;
  const now = nowOf(deps).toISOString();
  const base: Submission = {
    uploadId,
    unitCode,
    year,
    key,
    etag: null,
    versionId: null,
    sequencer: null,
    eventTime: input.publishedAt,
    receivedAt: now,
    finishedAt: now,
    status: 'rejected',
    summary: report.summary,
    reportPath: null,
    version: null,
  };
  if (report.status === 'rejected' || read.status !== 'read') {
    await deps.store.putSubmission(base);
    await refresh(deps, unitCode, year);
    return { status: 'rejected', uploadId, report };
  }
  const kept = await deps.originals.put(key, input.bytes);
  const stored: StoredVersion = {
    unit: { code: unit.code, name: unit.name, department: unit.department },
    year,
    version: uploadId,
    disclosure: read.disclosure,
    supplement,
    findings: report.findings,
  };
  await deps.store.saveVersion(stored);
  const imported = { source: input.source, publishedAt: input.publishedAt, by: deps.by };
  await deps.store.putSubmission({
    ...base,
    ...kept,
    status: 'published',
    version: uploadId,
    publishedAt: input.publishedAt,
    imported,
  });
  let current = await deps.store.getCurrent(unitCode, year);
  let made = false;
  for (let attempt = 0; attempt < 5 && !made; attempt++) {
    if (current && current.publishedAt.slice(0, 10) > input.publishedAt) break;
    made = await deps.store.setCurrent(
      unitCode,
      year,
      {
        version: uploadId,
        uploadId,
        key,
        eventTime: input.publishedAt,
        sequencer: null,
        publishedAt: input.publishedAt,
      },
      current,
    );
    if (!made) current = await deps.store.getCurrent(unitCode, year);
  }
  await deps.publish(unit, year);
  await record(
    deps,
    'import',
    unitCode,
    year,
    `导入已在别处公开的版本（${input.publishedAt}，${input.source}，文件 ${input.fileName}）`,
  );
  await refresh(deps, unitCode, year);
  return { status: made ? 'published' : 'recorded', uploadId, report };
}
