import { explainDisclosure } from '../explain/explain-disclosure.ts';
import type { RegisteredUnit, StoredVersion } from '../ports.ts';
import type { Finding } from '../rules/finding.ts';
import type { PublishedDisclosure } from '../site/site-model.ts';
import { refreshUnitYear } from './admin-report.ts';
import type { AdminDeps } from './operations.ts';

/**
 * After a rule or code-list change: the current rules run again on each current version's original upload (the
 * exact S3 object version recorded on its submission), and every unit-year whose status, findings or generated text
 * would change is listed. Nothing is written unless `apply`: then each accepted one whose page changes is stored
 * again (same version: new findings and reading) and republished. One that would now be rejected is listed for the
 * administrator and stays published until withdrawn.
 */
export type RevalidateOutcome = 'unchanged' | 'changed' | 'would-reject' | 'unavailable';

export interface RevalidateEntry {
  unit: string;
  name: string;
  year: number;
  version: string;
  outcome: RevalidateOutcome;
  /** Why the original could not be checked (`unavailable`). */
  reason: string | null;
  statusBefore: 'accepted';
  statusAfter: 'accepted' | 'rejected' | null;
  errors: number;
  findingsAdded: Finding[];
  findingsRemoved: Finding[];
  /** Titles of 情况说明 sections (and 名词解释) whose generated text would change. */
  textChanged: string[];
  /** The disclosure page or its open data would change. */
  pageChanged: boolean;
  applied: boolean;
}

const findingKey = (f: Finding) => [f.rule, f.severity, f.table, f.sheet, f.cell, f.message].join('\u0001');

function explanationTexts(v: StoredVersion, previous: StoredVersion | null): Map<string, string> {
  const e = explainDisclosure({
    disclosure: v.disclosure,
    supplement: v.supplement,
    year: v.year,
    unitName: v.unit.name,
    previous: previous ? { year: previous.year, disclosure: previous.disclosure } : null,
  });
  return new Map([
    ...e.sections.map((s) => [`${s.number}、${s.title}`, JSON.stringify(s.blocks)] as const),
    ['名词解释', JSON.stringify(e.terms)] as const,
  ]);
}

function pageOf(v: StoredVersion, previous: StoredVersion | null, publishedAt: string): PublishedDisclosure {
  return {
    unit: v.unit,
    year: v.year,
    version: v.version,
    publishedAt,
    disclosure: v.disclosure,
    supplement: v.supplement,
    findings: v.findings,
    previous: previous ? { year: previous.year, disclosure: previous.disclosure } : null,
  };
}

export async function revalidateUnitYear(
  deps: AdminDeps,
  unit: RegisteredUnit,
  year: number,
  apply: boolean,
): Promise<RevalidateEntry | null> {
  const pointer = await deps.store.getCurrent(unit.code, year);
  if (!pointer) return null;
  const current = await deps.store.loadVersion(unit.code, year, pointer.version);
  if (!current) return null;
  const base: RevalidateEntry = {
    unit: unit.code,
    name: unit.name,
    year,
    version: pointer.version,
    outcome: 'unavailable',
    reason: null,
    statusBefore: 'accepted',
    statusAfter: null,
    errors: 0,
    findingsAdded: [],
    findingsRemoved: [],
    textChanged: [],
    pageChanged: false,
    applied: false,
  };
  const submission = await deps.store.getSubmission(unit.code, year, pointer.uploadId);
  if (!submission) return { ...base, reason: '找不到该版本的上传记录' };
  const fetched = await deps.uploads.fetch(submission.key, submission.versionId, deps.maxUploadBytes);
  if (fetched.kind === 'gone') return { ...base, reason: `原始文件 ${submission.key} 已不存在` };
  if (fetched.kind === 'too-large') return { ...base, reason: '原始文件超过大小上限' };
  // Without S3 versioning (the local stack) a later upload to the same key replaced the original: do not judge it.
  if (!submission.versionId && submission.etag && fetched.etag && submission.etag !== fetched.etag) {
    return { ...base, reason: `原始文件 ${submission.key} 已被同名的后续上传覆盖` };
  }
  const { report, read, supplement } = await deps.validate(fetched.bytes, {
    unitName: unit.name,
    unitAliases: unit.aliases,
    year,
    kind: unit.kind ?? null,
  });
  const before = new Map(current.findings.map((f) => [findingKey(f), f]));
  const after = new Map(report.findings.map((f) => [findingKey(f), f]));
  const findingsAdded = [...after].filter(([k]) => !before.has(k)).map(([, f]) => f);
  const findingsRemoved = [...before].filter(([k]) => !after.has(k)).map(([, f]) => f);
  if (report.status === 'rejected' || read.status !== 'read') {
    return {
      ...base,
      outcome: 'would-reject',
      statusAfter: 'rejected',
      errors: report.summary.errors,
      findingsAdded,
      findingsRemoved,
    };
  }
  const next: StoredVersion = { ...current, disclosure: read.disclosure, supplement, findings: report.findings };
  const previousPointer = await deps.store.getCurrent(unit.code, year - 1);
  const previous = previousPointer ? await deps.store.loadVersion(unit.code, year - 1, previousPointer.version) : null;
  const textsBefore = explanationTexts(current, previous);
  const textsAfter = explanationTexts(next, previous);
  const textChanged = [...new Set([...textsBefore.keys(), ...textsAfter.keys()])].filter(
    (k) => textsBefore.get(k) !== textsAfter.get(k),
  );
  const render = (v: StoredVersion) =>
    deps.renderer
      .disclosureFiles(pageOf(v, previous, pointer.publishedAt))
      .map((f) => `${f.path}\n${typeof f.body === 'string' ? f.body : Buffer.from(f.body).toString('base64')}`)
      .join('\n');
  const pageChanged = render(current) !== render(next);
  const changed = findingsAdded.length > 0 || findingsRemoved.length > 0 || textChanged.length > 0 || pageChanged;
  const entry: RevalidateEntry = {
    ...base,
    outcome: changed ? 'changed' : 'unchanged',
    statusAfter: 'accepted',
    findingsAdded,
    findingsRemoved,
    textChanged,
    pageChanged,
  };
  if (!apply || !pageChanged) return entry;
  await deps.store.saveVersion(next);
  await deps.publish(unit, year);
  await deps.admin.recordAction({
    action: 'revalidate',
    unitCode: unit.code,
    year,
    by: deps.by,
    at: (deps.now ?? (() => new Date()))().toISOString(),
    detail: `按现行规则重新校验并重新发布版本 ${current.version}：新增问题 ${findingsAdded.length} 项，消除 ${findingsRemoved.length} 项${textChanged.length ? `，情况说明变化：${textChanged.join('、')}` : ''}`,
  });
  await refreshUnitYear(deps, unit.code, year);
  return { ...entry, applied: true };
}

/** Every registered unit (or one) with a current version in `year`, unit-code order. */
export async function revalidateYear(
  deps: AdminDeps,
  year: number,
  options: { unit?: string; apply: boolean },
): Promise<RevalidateEntry[]> {
  const units = (await deps.registry.list())
    .filter((u) => options.unit === undefined || u.code === options.unit)
    .sort((a, b) => a.code.localeCompare(b.code));
  const out: RevalidateEntry[] = [];
  for (const u of units) {
    const e = await revalidateUnitYear(deps, u, year, options.apply);
    if (e) out.push(e);
  }
  return out;
}
