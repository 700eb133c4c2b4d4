import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { handleS3Event } from '../../functions/ingest/handler.ts';
import type { S3Event } from '../../functions/ingest/s3-event.ts';
import type { FaultPoint } from '../../shared/ingest/ingest-upload.ts';
import { compareUploads } from '../../shared/ingest/ordering.ts';
import { decodeEventKey } from '../../shared/ingest/upload-key.ts';
import {
  dataJsonTotal,
  deferred,
  deleteUpload,
  eventsFor,
  getObjectText,
  httpGet,
  pollReader,
  putUpload,
  useTestStack,
  type Variant,
  variantWorkbook,
} from './stack-helpers.ts';

/**
 * At-least-once, unordered delivery and crashes on the embedded stack (real handler, real SDK, s3rver, dynalite):
 * whatever happens, the final state equals one in-order delivery, nothing is lost (a failing event ends in the
 * dead-letter folder with enough to replay it), and a reader polling over HTTP never sees a partial disclosure.
 */

const DEPARTMENT = '故障测试主管部门';
const unitName = (code: string) => `故障测试单位${code}`;

const t = useTestStack({ department: DEPARTMENT, name: unitName });

/** What a unit-year looks like from outside: pointer, submissions, the page and data.json as served. */
async function stateOf(code: string) {
  const page = await httpGet(t.stack, `/2023/${code}/`);
  const data = await httpGet(t.stack, `/2023/${code}/data.json`);
  const submissions = await t.store.listSubmissions(code, 2023);
  return {
    version: (await t.store.getCurrent(code, 2023))?.version ?? null,
    submissions: submissions.map((s) => `${s.uploadId}:${s.status}`).sort(),
    pageStatus: page.status,
    pageComplete: page.body.trimEnd().endsWith('</html>'),
    page: page.body,
    dataTotal: data.status === 200 ? dataJsonTotal(data.body) : null,
  };
}

function deadLetterFiles(): string[] {
  const dir = join(t.dataDir, 'dead-letter');
  return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
}

function outcomesFor(key: string) {
  return t.stack.outcomes.filter((o) => o.uploadId !== null && o.reportPath !== null && outcomeKey.get(o) === key);
}
const outcomeKey = new WeakMap<object, string>();

/** Uploads and waits for the stack to settle; returns the outcomes of that key's events. */
async function upload(key: string, variant: Variant) {
  const before = t.stack.outcomes.length;
  await putUpload(t.stack, key, variant.bytes);
  await t.stack.idle();
  const added = t.stack.outcomes.slice(before);
  for (const o of added) outcomeKey.set(o, key);
  return added;
}

describe('redelivery', () => {
  it('the same event delivered 2–5 more times changes nothing', async () => {
    const code = 'F-REDELIVER';
    await t.register(code);
    const v = await variantWorkbook(101, unitName(code));
    const key = `uploads/${code}/2023/决算 公开+1.xlsx`;
    const [first] = await upload(key, v);
    expect(first?.status).toBe('published');
    const state = await stateOf(code);
    expect(state.dataTotal).toBe(v.total);
    const report = await getObjectText(t.stack.uploadBucket, `${first?.reportPath}.json`);
    const [event] = eventsFor(t.stack, key);
    if (!event) throw new Error('no event');
    const sequential = [await handleS3Event(event, t.stack.deps), await handleS3Event(event, t.stack.deps)].flat();
    const concurrent = (await Promise.all([1, 2, 3].map(() => handleS3Event(event, t.stack.deps)))).flat();
    expect([...sequential, ...concurrent].map((o) => o.status)).toEqual(Array(5).fill('duplicate'));
    expect(await stateOf(code)).toEqual(state);
    expect(await getObjectText(t.stack.uploadBucket, `${first?.reportPath}.json`)).toBe(report);
  });

  it('an event redelivered while its first delivery is still running yields one publication', async () => {
    const code = 'F-OVERLAP';
    await t.register(code);
    const v = await variantWorkbook(102, unitName(code));
    const key = `uploads/${code}/2023/a.xlsx`;
    const held = deferred();
    const reached = deferred();
    let first = true;
    t.hooks.fault = async (point) => {
      if (point === 'after-submission' && first) {
        first = false;
        reached.resolve();
        await held.promise;
      }
    };
    try {
      await putUpload(t.stack, key, v.bytes);
      await reached.promise;
      const [event] = eventsFor(t.stack, key);
      if (!event) throw new Error('no event');
      const extra = (await Promise.all([1, 2, 3].map(() => handleS3Event(event, t.stack.deps)))).flat();
      expect(extra.every((o) => o.status === 'published' || o.status === 'duplicate')).toBe(true);
      held.resolve();
      await t.stack.idle();
    } finally {
      t.hooks.fault = undefined;
      held.resolve();
    }
    const state = await stateOf(code);
    expect(state.submissions).toHaveLength(1);
    expect(state.submissions[0]).toMatch(/:published$/);
    expect(state.version).toBe(state.submissions[0]?.split(':')[0]);
    expect(state.dataTotal).toBe(v.total);
    expect(state.pageComplete).toBe(true);
    expect(t.stack.deadLetters).toEqual([]);
  });
});

describe('ordering', () => {
  it('events in reverse order: the older upload, processed last, does not replace the newer', async () => {
    const code = 'F-REVERSE';
    await t.register(code);
    const older = await variantWorkbook(201, unitName(code));
    const newer = await variantWorkbook(202, unitName(code));
    const olderKey = `uploads/${code}/2023/older.xlsx`;
    const newerKey = `uploads/${code}/2023/newer.xlsx`;
    const held = deferred();
    t.hooks.beforeFetch = async (key) => {
      if (key === olderKey) await held.promise;
    };
    try {
      await putUpload(t.stack, olderKey, older.bytes);
      await new Promise((r) => setTimeout(r, 5)); // distinct event times, as two uploads by a person have
      const before = t.stack.outcomes.length;
      await putUpload(t.stack, newerKey, newer.bytes);
      for (let i = 0; i < 400 && !t.stack.outcomes.slice(before).some((o) => o.status === 'published'); i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      expect((await stateOf(code)).dataTotal).toBe(newer.total);
    } finally {
      held.resolve();
      t.hooks.beforeFetch = undefined;
    }
    await t.stack.idle();
    const state = await stateOf(code);
    expect(state.dataTotal).toBe(newer.total);
    expect(state.page).toContain(newer.total);
    const submissions = await t.store.listSubmissions(code, 2023);
    const newest = [...submissions].sort((a, b) => compareUploads(b, a))[0];
    expect(newest?.key).toBe(newerKey);
    expect(state.version).toBe(newest?.uploadId);
    expect(submissions.find((s) => s.key === olderKey)?.status).toBe('superseded');
  });

  it('two uploads for the same unit-year at the same moment: the newer in S3 order is current, pages whole', async () => {
    const code = 'F-RACE';
    await t.register(code);
    const a = await variantWorkbook(301, unitName(code));
    const b = await variantWorkbook(302, unitName(code));
    const reader = pollReader(t.stack, `/2023/${code}/`, () => [a.total, b.total]);
    try {
      await Promise.all([
        putUpload(t.stack, `uploads/${code}/2023/a.xlsx`, a.bytes),
        putUpload(t.stack, `uploads/${code}/2023/b.xlsx`, b.bytes),
      ]);
      await t.stack.idle();
    } finally {
      await reader.stop();
    }
    expect(reader.problems).toEqual([]);
    expect(reader.pagesSeen()).toBeGreaterThan(0);
    const submissions = await t.store.listSubmissions(code, 2023);
    expect(submissions).toHaveLength(2);
    const newest = [...submissions].sort((x, y) => compareUploads(y, x))[0];
    const state = await stateOf(code);
    expect(state.version).toBe(newest?.uploadId);
    expect(state.dataTotal).toBe(newest?.key.endsWith('a.xlsx') ? a.total : b.total);
    expect(state.page).toContain(state.dataTotal ?? '-');
    // The department index lists the unit once.
    const slugPage = await httpGet(t.stack, '/2023/');
    expect(slugPage.status).toBe(200);
  });

  it('an upload deleted before it is processed is acknowledged: no report, no publication', async () => {
    const code = 'F-DELETED';
    await t.register(code);
    const v = await variantWorkbook(401, unitName(code));
    const key = `uploads/${code}/2023/gone.xlsx`;
    const held = deferred();
    const reached = deferred();
    t.hooks.beforeFetch = async (k) => {
      if (k === key) {
        reached.resolve();
        await held.promise;
      }
    };
    const before = t.stack.outcomes.length;
    try {
      await putUpload(t.stack, key, v.bytes);
      await reached.promise;
      await deleteUpload(t.stack, key);
    } finally {
      held.resolve();
      t.hooks.beforeFetch = undefined;
    }
    await t.stack.idle();
    expect(t.stack.outcomes.slice(before).map((o) => o.status)).toEqual(['ignored']);
    const state = await stateOf(code);
    expect(state.version).toBeNull();
    expect(state.submissions).toEqual([]);
    expect(state.pageStatus).toBe(404);
  });
});

const FAULT_POINTS: FaultPoint[] = ['after-submission', 'after-version', 'after-pointer', 'after-site', 'after-report'];

describe('crashes at every fault point, retried by the platform', () => {
  it.each(FAULT_POINTS.map((p, i) => [p, i] as const))(
    'killed %s: converges to a single delivery',
    async (point, i) => {
      const code = `F-CRASH-${i}`;
      await t.register(code);
      const v = await variantWorkbook(500 + i, unitName(code));
      const key = `uploads/${code}/2023/决算.xlsx`;
      // Crash twice at the point (the platform's three attempts: two fail, the last succeeds).
      let crashes = 0;
      t.hooks.fault = (p) => {
        if (p === point && crashes < 2) {
          crashes++;
          throw new Error(`injected crash ${p}`);
        }
      };
      const reader = pollReader(t.stack, `/2023/${code}/`, () => [v.total]);
      let outcomes: Awaited<ReturnType<typeof upload>>;
      try {
        outcomes = await upload(key, v);
      } finally {
        t.hooks.fault = undefined;
        await reader.stop();
      }
      expect(crashes).toBe(2);
      expect(reader.problems).toEqual([]);
      // Exactly one outcome for the event (failed attempts are retries, not outcomes), and it published.
      expect(outcomes.map((o) => o.status)).toEqual(['published']);
      expect(t.stack.deadLetters).toEqual([]);
      const state = await stateOf(code);
      expect(state).toMatchObject({
        version: outcomes[0]?.uploadId,
        submissions: [`${outcomes[0]?.uploadId}:published`],
        pageStatus: 200,
        pageComplete: true,
        dataTotal: v.total,
      });
      expect(state.page).toContain(v.total);
      const report = JSON.parse((await getObjectText(t.stack.uploadBucket, `${outcomes[0]?.reportPath}.json`)) ?? '{}');
      expect(report).toMatchObject({
        status: 'accepted',
        outcome: 'published',
        url: `${t.stack.siteUrl}/2023/${code}/`,
      });
      const unitPage = await httpGet(t.stack, `/units/${code}/`);
      expect(unitPage.status).toBe(200);
      expect(outcomesFor(key)).toHaveLength(1);
    },
  );
});

describe('dead letters', () => {
  it('a permanently failing dependency dead-letters the event with the event inside; replaying it publishes', async () => {
    const code = 'F-DLQ';
    await t.register(code);
    const v = await variantWorkbook(601, unitName(code));
    const key = `uploads/${code}/2023/dlq.xlsx`;
    let attempts = 0;
    t.hooks.saveVersion = async (version, real) => {
      if (version.unit.code !== code) return real.saveVersion(version);
      attempts++;
      throw new Error('DynamoDB unavailable (injected)');
    };
    const deadBefore = t.stack.deadLetters.length;
    try {
      const outcomes = await upload(key, v);
      expect(outcomes).toEqual([]);
    } finally {
      t.hooks.saveVersion = undefined;
    }
    expect(attempts).toBe(3);
    const dead = t.stack.deadLetters.slice(deadBefore);
    expect(dead).toHaveLength(1);
    expect(decodeEventKey(dead[0]?.event.Records[0]?.s3.object.key ?? '')).toBe(key);
    // Nothing visible: no pointer, no page.
    expect((await stateOf(code)).version).toBeNull();
    expect((await httpGet(t.stack, `/2023/${code}/`)).status).toBe(404);

    // The dead-letter folder holds the event itself: replay it once the dependency is back.
    const files = deadLetterFiles().map((f) => JSON.parse(readFileSync(f, 'utf8')));
    const letter = files.find(
      (f: { event: S3Event }) => decodeEventKey(f.event.Records[0]?.s3.object.key ?? '') === key,
    );
    expect(letter?.error).toBeTruthy();
    const [replayed] = await handleS3Event(letter.event as S3Event, t.stack.deps);
    expect(replayed?.status).toBe('published');
    const state = await stateOf(code);
    expect(state.dataTotal).toBe(v.total);
    expect(state.version).toBe(replayed?.uploadId);
    // Replaying the same letter again is harmless.
    expect((await handleS3Event(letter.event as S3Event, t.stack.deps))[0]?.status).toBe('duplicate');
  });

  it('events failing at the same moment each get their own dead-letter file', async () => {
    const codes = ['F-DLQ-A', 'F-DLQ-B', 'F-DLQ-C', 'F-DLQ-D'];
    for (const c of codes) await t.register(c);
    const variants = await Promise.all(codes.map((c, i) => variantWorkbook(700 + i, unitName(c))));
    t.hooks.saveVersion = async (version, real) => {
      if (!codes.includes(version.unit.code)) return real.saveVersion(version);
      throw new Error('DynamoDB unavailable (injected)');
    };
    const deadBefore = t.stack.deadLetters.length;
    const filesBefore = deadLetterFiles().length;
    // A frozen clock makes "the same moment" exact: every letter is written in the same millisecond.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      await Promise.all(
        codes.map((c, i) => putUpload(t.stack, `uploads/${c}/2023/x.xlsx`, variants[i]?.bytes ?? new Uint8Array())),
      );
      await t.stack.idle();
    } finally {
      vi.useRealTimers();
      t.hooks.saveVersion = undefined;
    }
    expect(t.stack.deadLetters.length - deadBefore).toBe(codes.length);
    expect(deadLetterFiles().length - filesBefore).toBe(codes.length);
  });
});
