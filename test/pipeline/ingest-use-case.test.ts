import { beforeEach, describe, expect, it } from 'vitest';
import { type FaultPoint, type IngestDeps, ingestUpload, type UploadEvent } from '../../shared/ingest/ingest-upload.ts';
import { handleIndexChange } from '../../shared/ingest/rebuild-indexes.ts';
import { departmentSlug } from '../../shared/site/paths.ts';
import {
  MemoryIndexQueue,
  MemoryRegistry,
  MemoryReports,
  MemorySite,
  MemoryStore,
  MemoryUploads,
} from '../../shared/storage/memory.ts';
import { memoryIngestDeps } from '../helpers/memory-ingest.ts';
import { fakeRenderer } from './fake-renderer.ts';
import { SEED_UNIT, seedBytes, seedRenamed, seedWith } from './workbooks.ts';

/** The ingest use case over in-memory fakes of its ports: decisions, idempotence, ordering, crash recovery. */

const PAGE = '2023/101017/index.html';
const SHEET_T1 = '收入支出决算总表';

let uploads: MemoryUploads;
let store: MemoryStore;
let site: MemorySite;
let reports: MemoryReports;
let registry: MemoryRegistry;
let queue: MemoryIndexQueue;

/** Runs the index rebuild function over every queued change (and the changes it queues) until none is left. */
async function drain(): Promise<number> {
  let rebuilt = 0;
  for (let batch = queue.take(); batch.length > 0; batch = queue.take()) {
    for (const change of batch) {
      const outcome = await handleIndexChange(
        { store, site, renderer: fakeRenderer, indexQueue: queue, yearPageIntervalMs: 0 },
        change,
      );
      if (outcome.status === 'rebuilt') rebuilt++;
    }
  }
  return rebuilt;
}

function deps(fault?: (p: FaultPoint) => void): IngestDeps {
  return memoryIngestDeps({ uploads, reports, site, registry, store, indexQueue: queue, fault });
}

let clock = Date.parse('2024-10-12T08:00:00Z');
/** The next event time, one second after the previous one. */
function tick(): string {
  clock += 1000;
  return new Date(clock).toISOString();
}
function event(key: string, bytes: Uint8Array, sequencer?: string): UploadEvent {
  uploads.put(key, bytes);
  clock += 1000;
  const etag = uploads.objects.get(key)?.etag ?? null;
  return {
    key,
    eventTime: new Date(clock).toISOString(),
    sequencer: sequencer ?? clock.toString(16),
    etag,
    versionId: null,
  };
}

beforeEach(async () => {
  uploads = new MemoryUploads();
  store = new MemoryStore();
  site = new MemorySite();
  reports = new MemoryReports();
  registry = new MemoryRegistry();
  queue = new MemoryIndexQueue();
  await registry.put(SEED_UNIT);
});

describe('ingest use case', () => {
  it('publishes the seed: report, version, pointer, its own pages; the indexes from the queue', async () => {
    const outcome = await ingestUpload(event('uploads/101017/2023/决算 公开.xlsx', seedBytes()), deps());
    expect(outcome.status).toBe('published');
    // The upload writes only its own files and records one department-year change; no index page yet.
    expect([...site.files.keys()].sort()).toEqual(['2023/101017/data.json', PAGE, 'units/101017/index.html']);
    expect(queue.messages).toEqual([
      { kind: 'department', year: 2023, department: departmentSlug('武汉市财政局'), change: 1 },
    ]);
    expect(await drain()).toBe(2);
    expect(outcome.url).toBe('https://example.test/2023/101017/');
    expect(outcome.report?.summary).toMatchObject({ errors: 0, notices: 7 });
    // The bare seed has no supplementary sheets: only those (P-*) warnings, none from the tables.
    expect(outcome.report?.findings.filter((f) => f.severity === 'warning' && !f.rule.startsWith('P-'))).toEqual([]);
    expect(site.text(PAGE)).toContain('unit=武汉市财政局信息中心 total=635.55');
    expect(site.text('units/101017/index.html')).toMatch(/^2023:/);
    expect(site.text('2023/index.html')).toBe('武汉市财政局:1');
    expect(site.text('index.html')).toBe('2023:1');
    const pointer = await store.getCurrent('101017', 2023);
    expect(pointer?.version).toBe(outcome.uploadId);
    const report = JSON.parse(reports.reports.get(outcome.reportPath ?? '')?.json ?? '{}');
    expect(report.status).toBe('accepted');
    expect(report.url).toBe(outcome.url);
    expect(reports.reports.get(outcome.reportPath ?? '')?.html).toContain('校验通过');
  });

  it('rejects a broken copy with a report and leaves the publication untouched', async () => {
    const first = await ingestUpload(event('uploads/101017/2023/a.xlsx', seedBytes()), deps());
    const before = site.text(PAGE);
    const broken = await ingestUpload(
      event('uploads/101017/2023/b.xlsx', await seedWith({ [SHEET_T1]: { C7: 636.55 } })),
      deps(),
    );
    expect(broken.status).toBe('rejected');
    expect(broken.report?.findings.some((f) => f.severity === 'error' && f.cell === 'C7' && f.sheet === SHEET_T1)).toBe(
      true,
    );
    expect(site.text(PAGE)).toBe(before);
    expect((await store.getCurrent('101017', 2023))?.version).toBe(first.uploadId);
    const submissions = await store.listSubmissions('101017', 2023);
    expect(submissions.map((s) => s.status).sort()).toEqual(['published', 'rejected']);
  });

  it('changes nothing when the same event is delivered again', async () => {
    const e = event('uploads/101017/2023/a.xlsx', seedBytes());
    await ingestUpload(e, deps());
    const writes = store.writes + site.writes;
    for (let i = 0; i < 3; i++) expect((await ingestUpload(e, deps())).status).toBe('duplicate');
    expect(store.writes + site.writes).toBe(writes);
  });

  it('never lets an older upload replace a newer publication', async () => {
    const older = event('uploads/101017/2023/old.xlsx', seedBytes());
    const newer = event('uploads/101017/2023/new.xlsx', await seedWith({}));
    const n = await ingestUpload(newer, deps());
    const o = await ingestUpload(older, deps());
    expect(n.status).toBe('published');
    expect(o.status).toBe('superseded');
    expect((await store.getCurrent('101017', 2023))?.version).toBe(n.uploadId);
    expect(site.text(PAGE)).toContain(`version=${n.uploadId}`);
  });

  it('orders two uploads of the same key by sequencer even with equal event times', async () => {
    const key = 'uploads/101017/2023/same.xlsx';
    const a = event(key, seedBytes(), '00A1');
    const b = { ...event(key, await seedWith({})), eventTime: a.eventTime, sequencer: '00A2' };
    await ingestUpload(b, deps());
    expect((await ingestUpload(a, deps())).status).toBe('superseded');
  });

  it.each<FaultPoint>(['after-submission', 'after-version', 'after-pointer', 'after-site', 'after-report'])(
    'converges after a crash %s and a retry',
    async (point) => {
      const e = event('uploads/101017/2023/a.xlsx', seedBytes());
      let armed = true;
      const crashing = deps((p) => {
        if (p === point && armed) {
          armed = false;
          throw new Error(`injected crash ${p}`);
        }
      });
      await expect(ingestUpload(e, crashing)).rejects.toThrow('injected crash');
      // Before the pointer flips, readers see nothing new; after it, the page may lag but is never partial.
      if (point === 'after-submission' || point === 'after-version') {
        expect(await store.getCurrent('101017', 2023)).toBeNull();
        expect(site.text(PAGE)).toBeNull();
      }
      const retry = await ingestUpload(e, crashing);
      expect(retry.status).toBe('published');
      expect((await store.getCurrent('101017', 2023))?.version).toBe(retry.uploadId);
      expect(site.text(PAGE)).toContain(`version=${retry.uploadId}`);
      expect((await store.listSubmissions('101017', 2023)).map((s) => s.status)).toEqual(['published']);
      expect(await ingestUpload(e, deps())).toMatchObject({ status: 'duplicate' });
    },
  );

  it('rejects a workbook of another unit (S-04) without publishing', async () => {
    await registry.put({ code: 'X01', name: '武汉市园林局', department: null, aliases: [] });
    const outcome = await ingestUpload(event('uploads/X01/2023/a.xlsx', seedBytes()), deps());
    expect(outcome.status).toBe('rejected');
    expect(outcome.report?.findings.find((f) => f.rule === 'S-04')?.severity).toBe('error');
    expect(site.files.size).toBe(0);
  });

  it('rejects a different year in the key (S-04)', async () => {
    const outcome = await ingestUpload(event('uploads/101017/2024/a.xlsx', seedBytes()), deps());
    expect(outcome.report?.findings.map((f) => f.rule)).toContain('S-04');
  });

  it.each([
    ['uploads/101017/2023/a.csv', 'K-01'],
    ['uploads/101017/abcd/a.xlsx', 'K-01'],
    ['uploads/101017/2023/sub/a.xlsx', 'K-01'],
    ['uploads/../2023/a.xlsx', 'K-01'],
    ['uploads/NOPE/2023/a.xlsx', 'K-02'],
  ])('refuses %s with %s and a report', async (key, rule) => {
    const outcome = await ingestUpload(event(key, seedBytes()), deps());
    expect(outcome.status).toBe('rejected');
    expect(outcome.report?.findings[0]?.rule).toBe(rule);
    expect(reports.reports.size).toBe(1);
    expect(site.files.size).toBe(0);
  });

  it('refuses a file above the size limit without reading it (K-03)', async () => {
    const outcome = await ingestUpload(event('uploads/101017/2023/big.xlsx', new Uint8Array(2 * 1024 * 1024)), deps());
    expect(outcome.report?.findings[0]?.rule).toBe('K-03');
  });

  it('ignores an upload deleted before processing and objects outside uploads/', async () => {
    const e = event('uploads/101017/2023/gone.xlsx', seedBytes());
    uploads.objects.delete(e.key);
    expect((await ingestUpload(e, deps())).status).toBe('ignored');
    expect((await ingestUpload({ ...e, key: 'reports/101017/2023/x.json' }, deps())).status).toBe('ignored');
    expect(reports.reports.size).toBe(0);
  });

  it('gives every byte string a report: a validator bug becomes F-01, not an exception', async () => {
    const failing: IngestDeps = { ...deps(), validate: async () => Promise.reject(new Error('boom')) };
    const outcome = await ingestUpload(event('uploads/101017/2023/a.xlsx', seedBytes()), failing);
    expect(outcome.report?.findings[0]?.rule).toBe('F-01');
  });

  it('writes a constant number of items and files per upload, whatever the number of published units', async () => {
    const cost = async (code: string) => {
      await registry.put({ code, name: SEED_UNIT.name, department: SEED_UNIT.department, aliases: [] });
      const [s, f] = [store.writes, site.writes];
      await ingestUpload(event(`uploads/${code}/2023/a.xlsx`, seedBytes()), deps());
      return [store.writes - s, site.writes - f];
    };
    const first = await cost('A0');
    for (let i = 1; i < 30; i++) await cost(`A${i}`);
    expect(await cost('LAST')).toEqual(first);
  });

  it('keeps every index complete when units of different departments publish at the same moment', async () => {
    // Slow summary reads widen the window in which both publications read before either writes.
    const slowStore = store;
    const listDepartmentSummaries = slowStore.listDepartmentSummaries.bind(slowStore);
    slowStore.listDepartmentSummaries = async (year) => {
      const result = await listDepartmentSummaries(year);
      await new Promise((r) => setTimeout(r, 20));
      return result;
    };
    await registry.put({ code: 'A1', name: SEED_UNIT.name, department: '部门甲', aliases: [] });
    await registry.put({ code: 'B1', name: SEED_UNIT.name, department: '部门乙', aliases: [] });
    const [a, b] = await Promise.all([
      ingestUpload(event('uploads/A1/2023/a.xlsx', seedBytes()), deps()),
      ingestUpload(event('uploads/B1/2023/b.xlsx', seedBytes()), deps()),
    ]);
    expect([a.status, b.status]).toEqual(['published', 'published']);
    await drain();
    expect(site.text('2023/index.html')?.split(',').sort()).toEqual(['部门乙:1', '部门甲:1']);
    expect(site.text('index.html')).toBe('2023:2');
  });

  it('renders the following year again when an earlier year is published later (its year-on-year text)', async () => {
    await ingestUpload(event('uploads/101017/2024/a.xlsx', await seedRenamed(SEED_UNIT.name, 2024)), deps());
    expect(site.text('2024/101017/index.html')).toContain('previous=none');
    await ingestUpload(event('uploads/101017/2023/a.xlsx', seedBytes()), deps());
    expect(site.text('2024/101017/index.html')).toContain('previous=2023');
  });

  it('writes no index page and no static file on the upload path, whatever the department size', async () => {
    for (let i = 0; i < 30; i++) {
      await registry.put({ code: `A${i}`, name: SEED_UNIT.name, department: SEED_UNIT.department, aliases: [] });
      await ingestUpload(event(`uploads/A${i}/2023/a.xlsx`, seedBytes()), deps());
    }
    expect(site.text('404.html')).toBeNull();
    expect([...site.files.keys()].filter((p) => p.includes('departments/') || !p.includes('/'))).toEqual([]);
    // Thirty publications of one department, then the queue: one department rebuild, one year rebuild.
    expect(queue.messages).toHaveLength(30);
    expect(await drain()).toBe(2);
    expect(site.text(`2023/departments/${departmentSlug(SEED_UNIT.department)}/index.html`)?.split(',')).toHaveLength(
      30,
    );
    expect(site.text('index.html')).toBe('2023:30');
  });

  it('a superseded retry repairs the files an older run wrote over a newer publication', async () => {
    const older = event('uploads/101017/2023/old.xlsx', seedBytes());
    const newer = event('uploads/101017/2023/new.xlsx', await seedWith({}));
    // The older run becomes current and renders its files; before they land, the newer upload becomes current (its
    // publication waits for the older run's lease); the older files land, and the older run crashes before its
    // re-check. The newer run then writes its files.
    let newerRun: Promise<Awaited<ReturnType<typeof ingestUpload>>> | null = null;
    let crash = true;
    const crashing: IngestDeps = {
      ...deps(),
      publishFault: async (point) => {
        if (point === 'before-disclosure-write' && newerRun === null) {
          newerRun = ingestUpload(newer, deps());
          while ((await store.getCurrent('101017', 2023))?.key !== newer.key)
            await new Promise((r) => setTimeout(r, 5));
        }
        if (point === 'before-recheck' && crash) {
          crash = false;
          throw new Error('injected crash before-recheck');
        }
      },
    };
    await expect(ingestUpload(older, crashing)).rejects.toThrow('injected crash');
    const newest = (await newerRun) as unknown as { uploadId: string; status: string };
    expect(newest.status).toBe('published');
    expect((await store.getCurrent('101017', 2023))?.version).toBe(newest.uploadId);
    expect(site.text(PAGE)).toContain(`version=${newest.uploadId}`);
    // The platform retries the older upload: superseded; the files are the newer's, verified under the lease.
    const retry = await ingestUpload(older, deps());
    expect(retry.status).toBe('superseded');
    expect(site.text(PAGE)).toContain(`version=${newest.uploadId}`);
    expect(site.text('2023/101017/data.json')).toContain(newest.uploadId);
    expect(site.text('units/101017/index.html')).toBe(`2023:${newest.uploadId}`);
  });

  it('does not take a copied object for a duplicate because it carries the same client upload id', async () => {
    const named = { 'upload-id': 'cli-0000-1111-2222' };
    uploads.put('uploads/101017/2023/a.xlsx', seedBytes(), named);
    const first = await ingestUpload(
      {
        key: 'uploads/101017/2023/a.xlsx',
        eventTime: tick(),
        sequencer: '01',
        etag: null,
        versionId: null,
      },
      deps(),
    );
    expect(first.uploadId).toBe('cli-0000-1111-2222');
    // An admin copies another version over the key: same metadata, other content.
    uploads.put('uploads/101017/2023/a.xlsx', await seedWith({}), named);
    const copy = await ingestUpload(
      {
        key: 'uploads/101017/2023/a.xlsx',
        eventTime: tick(),
        sequencer: '02',
        etag: null,
        versionId: null,
      },
      deps(),
    );
    expect(copy.status).toBe('published');
    expect(copy.uploadId).not.toBe(first.uploadId);
  });

  it('moves a unit whose 主管部门 changed out of its old department’s listing', async () => {
    await ingestUpload(event('uploads/101017/2023/a.xlsx', seedBytes()), deps());
    await drain();
    await registry.put({ ...SEED_UNIT, department: '武汉市数据局' });
    await ingestUpload(event('uploads/101017/2023/b.xlsx', await seedWith({})), deps());
    await drain();
    const pages = [...site.files.keys()].filter((p) => p.startsWith('2023/departments/') && p.endsWith('index.html'));
    expect(pages.map((p) => site.text(p)).sort()).toEqual(['', '101017']);
    expect(site.text('2023/index.html')).toBe('武汉市数据局:1');
    expect(site.text('index.html')).toBe('2023:1');
  });
});
