import type { CurrentPointer, DisclosureStore, StoredVersion, Submission } from '../ports.ts';
import type { AdminStore } from '../records/model.ts';
import type { DisclosureHistory, VersionEntry } from '../site/history-model.ts';
import { diffVersions } from './diff-versions.ts';

/**
 * The published versions of a unit-year, oldest first, from its submission history: every accepted upload that
 * became current (status `published`, or the current pointer's own upload while its submission is being finished),
 * and every imported version. Dates: the pointer's publication time (kept on the submission), an imported version's
 * `--published-at`.
 */
export interface PublishedVersionRef {
  version: string;
  uploadId: string;
  publishedAt: string;
  importedFrom: string | null;
  submission: Submission | null;
}

export function publishedVersions(
  submissions: readonly Submission[],
  pointer: CurrentPointer | null,
): PublishedVersionRef[] {
  const out = new Map<string, PublishedVersionRef>();
  for (const s of submissions) {
    if (s.status !== 'published' || s.version === null) continue;
    const publishedAt =
      s.imported?.publishedAt ??
      (pointer?.version === s.version ? pointer.publishedAt : (s.publishedAt ?? s.finishedAt ?? s.receivedAt));
    out.set(s.version, {
      version: s.version,
      uploadId: s.uploadId,
      publishedAt,
      importedFrom: s.imported?.source ?? null,
      submission: s,
    });
  }
  if (pointer && !out.has(pointer.version)) {
    const s = submissions.find((x) => x.version === pointer.version || x.uploadId === pointer.uploadId) ?? null;
    out.set(pointer.version, {
      version: pointer.version,
      uploadId: pointer.uploadId,
      publishedAt: s?.imported?.publishedAt ?? pointer.publishedAt,
      importedFrom: s?.imported?.source ?? null,
      submission: s,
    });
  }
  return [...out.values()].sort(
    (a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.version.localeCompare(b.version),
  );
}

export interface HistoryDeps {
  store: DisclosureStore;
  admin?: AdminStore;
}

/**
 * The page's publication record for the current version `current`, and the earlier versions to render at their
 * stable addresses. Reads the submissions (one query), the earlier versions (one query each) and the admin's
 * 批复日期 (one item).
 */
export async function loadDisclosureHistory(
  deps: HistoryDeps,
  current: StoredVersion,
  /** The pointer's publication time of `current`. */
  publishedAt: string,
): Promise<{ history: DisclosureHistory; earlier: StoredVersion[] }> {
  // A version id is its upload's id (ingest and import both make it so).
  const pointer = { version: current.version, uploadId: current.version, publishedAt } as CurrentPointer;
  const code = current.unit.code;
  const year = current.year;
  const [submissions, approval] = await Promise.all([
    deps.store.listSubmissions(code, year),
    deps.admin ? deps.admin.getApproval(code, year) : Promise.resolve(null),
  ]);
  const refs = publishedVersions(submissions, pointer);
  const loaded = new Map<string, StoredVersion>([[current.version, current]]);
  await Promise.all(
    refs
      .filter((r) => r.version !== current.version)
      .map(async (r) => {
        const v = await deps.store.loadVersion(code, year, r.version);
        if (v) loaded.set(r.version, v);
      }),
  );
  const present = refs.filter((r) => loaded.has(r.version));
  const versions: VersionEntry[] = present.map((r, i) => {
    const before = i > 0 ? loaded.get(present[i - 1]?.version ?? '') : undefined;
    const after = loaded.get(r.version);
    return {
      version: r.version,
      publishedAt: r.publishedAt,
      importedFrom: r.importedFrom,
      diff: before && after ? diffVersions(before, after) : null,
    };
  });
  const first = versions[0];
  const mine = versions.find((v) => v.version === current.version);
  const fromWorkbook = current.supplement?.profile.approvalDate ?? null;
  const history: DisclosureHistory = {
    currentVersion: current.version,
    versions,
    firstPublishedAt: first?.publishedAt ?? pointer.publishedAt,
    updatedAt: mine && first && mine.version !== first.version ? mine.publishedAt : null,
    approvalDate: approval?.date ?? fromWorkbook,
    approvalSource: approval ? 'admin' : fromWorkbook ? 'workbook' : null,
  };
  const earlier = present
    .filter((r) => r.version !== current.version)
    .map((r) => loaded.get(r.version) as StoredVersion);
  return { history, earlier };
}
