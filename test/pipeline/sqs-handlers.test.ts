import { describe, expect, it } from 'vitest';
import { handleIndexMessages } from '../../functions/index-rebuild/handler.ts';
import { handleIngestMessages } from '../../functions/ingest/handler.ts';
import type { S3Event } from '../../functions/ingest/s3-event.ts';
import { encodeEventKey } from '../../shared/ingest/upload-key.ts';
import type { StoredVersion } from '../../shared/ports.ts';
import { departmentKey } from '../../shared/site/paths.ts';
import {
  MemoryIndexQueue,
  MemoryRegistry,
  MemoryReports,
  MemorySite,
  MemoryStore,
  MemoryUploads,
} from '../../shared/storage/memory.ts';
import { indexMessageBody } from '../../shared/storage/sqs-index-queue.ts';
import { memoryIngestDeps } from '../helpers/memory-ingest.ts';
import { SEED_UNIT, seedBytes } from './workbooks.ts';

/** The two queue-fed functions over in-memory ports: partial batch responses, last receives, FIFO throttling. */

class FlakyStore extends MemoryStore {
  failFor = new Set<string>();
  override async saveVersion(v: StoredVersion): Promise<void> {
    if (this.failFor.has(v.unit.code)) throw new Error('DynamoDB unavailable (injected)');
    return super.saveVersion(v);
  }
}

async function setup() {
  const uploads = new MemoryUploads();
  const store = new FlakyStore();
  const registry = new MemoryRegistry();
  await registry.put(SEED_UNIT);
  await registry.put({ ...SEED_UNIT, code: 'X1' });
  const site = new MemorySite();
  const reports = new MemoryReports();
  const queue = new MemoryIndexQueue();
  const deps = memoryIngestDeps({ uploads, reports, site, registry, store, indexQueue: queue });
  let clock = Date.parse('2024-10-12T08:00:00Z');
  const message = (key: string, receives = 1) => {
    uploads.put(key, seedBytes());
    clock += 1000;
    const event: S3Event = {
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          eventTime: new Date(clock).toISOString(),
          s3: {
            bucket: { name: 'uploads' },
            object: {
              key: encodeEventKey(key),
              sequencer: clock.toString(16),
              eTag: uploads.objects.get(key)?.etag ?? undefined,
            },
          },
        },
      ],
    };
    return {
      messageId: `m-${key}`,
      body: JSON.stringify(event),
      attributes: { ApproximateReceiveCount: String(receives) },
    };
  };
  return { deps, store, queue, site, reports, message };
}

describe('ingest function on SQS', () => {
  it('reports only the failed upload of a batch; the others are done', async () => {
    const { deps, store, message } = await setup();
    store.failFor.add('X1');
    const ok = message('uploads/101017/2023/a.xlsx');
    const bad = message('uploads/X1/2023/a.xlsx');
    const test = { messageId: 'm-test', body: JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent' }) };
    const r = await handleIngestMessages([ok, bad, test], deps);
    expect(r.response).toEqual({ batchItemFailures: [{ itemIdentifier: bad.messageId }] });
    expect(r.outcomes.map((o) => o.status)).toEqual(['published']);
    // Not the last receive: nothing recorded for the failed one yet (SQS delivers it again).
    expect((await store.listSubmissions('X1', 2023)).map((s) => s.status)).toEqual(['processing']);
  });

  it('on the last receive a failed upload is recorded as failed with a K-04 report, and still reported failed', async () => {
    const { deps, store, reports, message } = await setup();
    store.failFor.add('X1');
    const bad = message('uploads/X1/2023/a.xlsx', 3);
    const r = await handleIngestMessages([bad], deps);
    expect(r.response.batchItemFailures).toEqual([{ itemIdentifier: bad.messageId }]);
    expect((await store.listSubmissions('X1', 2023)).map((s) => s.status)).toEqual(['failed']);
    expect([...reports.reports.values()].some((x) => x.json.includes('K-04'))).toBe(true);
    // Redriven once the cause is fixed: processed again and published.
    store.failFor.clear();
    const again = await handleIngestMessages([{ ...bad, attributes: { ApproximateReceiveCount: '1' } }], deps);
    expect(again.outcomes.map((o) => o.status)).toEqual(['published']);
  });
});

describe('index rebuild function on SQS FIFO', () => {
  it('rebuilds, skips what a rebuild covered, and holds a year page rebuilt less than a minute ago', async () => {
    const { deps, queue, site, message } = await setup();
    await handleIngestMessages([message('uploads/101017/2023/a.xlsx'), message('uploads/X1/2023/b.xlsx')], deps);
    const changes = queue.take();
    expect(changes.map((c) => c.kind)).toEqual(['department', 'department']);
    let now = Date.parse('2024-10-12T09:00:00Z');
    const rebuild = { ...deps, now: () => new Date(now) };
    const records = changes.map((c, i) => ({ messageId: `d${i}`, body: indexMessageBody(c) }));
    const first = await handleIndexMessages(records, rebuild);
    // One department: the first message's rebuild read both entries, the second message is covered.
    expect(first.outcomes.map((o) => o.status)).toEqual(['rebuilt', 'skipped']);
    expect(first.response.batchItemFailures).toEqual([]);
    expect(site.text(`2023/departments/${departmentKey(SEED_UNIT)}/index.html`)).toBe('101017,X1');
    // The year page: rebuilt once, then a new change within the minute comes back later (FIFO: the rest fails too).
    const yearChanges = queue.take();
    const y1 = await handleIndexMessages(
      yearChanges.map((c, i) => ({ messageId: `y${i}`, body: indexMessageBody(c) })),
      rebuild,
    );
    expect(y1.outcomes.map((o) => o.status)).toEqual(['rebuilt']);
    expect(site.text('2023/index.html')).toBe('武汉市财政局:2');
    const year = { kind: 'year' as const, year: 2023, change: await deps.store.recordYearChange(2023) };
    const dept = { ...changes[0], change: 99 } as (typeof changes)[0];
    now += 10_000;
    const held = await handleIndexMessages(
      [
        { messageId: 'y-late', body: indexMessageBody(year) },
        { messageId: 'after', body: indexMessageBody(dept) },
      ],
      rebuild,
    );
    expect(held.outcomes).toEqual([{ status: 'later', retryAfterMs: 50_000 }]);
    expect(held.delays.get('y-late')).toBe(50_000);
    expect(held.response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['y-late', 'after']);
    now += 50_000;
    const later = await handleIndexMessages([{ messageId: 'y-late', body: indexMessageBody(year) }], rebuild);
    expect(later.outcomes.map((o) => o.status)).toEqual(['rebuilt']);
  });
});
