import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareUploads } from '../../shared/ingest/ordering.ts';
import { decodeEventKey } from '../../shared/ingest/upload-key.ts';
import { DynamoDisclosureStore, DynamoUnitRegistry } from '../../shared/storage/dynamo-store.ts';
import {
  dataJsonTotal,
  getObjectText,
  httpGet,
  putUpload,
  startTestStack,
  type TestStack,
  type Variant,
  variantWorkbook,
} from '../faults/stack-helpers.ts';

/**
 * Load (issue 12): UNITS units in DEPARTMENTS 主管部门 of Zipf-like sizes upload to the embedded stack (127.0.0.1)
 * at an ingest concurrency of CONCURRENCY, while one more unit re-uploads HOT_RATE times a second throughout. Every
 * upload gets a report, each unit-year has exactly one current version (the hot unit's newest upload), every
 * department's pages list every unit, nothing is dead-lettered and no run gives up. One summary line.
 *
 * CI runs the default size; the acceptance size is `GONGKAI_LOAD_UNITS=2000 npm run test:load` (docs/capacity.md
 * gives what it measured).
 */

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const UNITS = num('GONGKAI_LOAD_UNITS', 300);
const DEPARTMENTS = num('GONGKAI_LOAD_DEPARTMENTS', 50);
const CONCURRENCY = num('GONGKAI_LOAD_CONCURRENCY', 50);
const HOT_RATE = num('GONGKAI_LOAD_HOT_RATE', 5);
const YEAR = 2023;
const VARIANTS = 12;
const HOT = 'HOT-UNIT';

/** Zipf weights 1/k: the largest department has UNITS / H(DEPARTMENTS) units (2,000 in 50: 444). */
function departmentSizes(units: number, departments: number): number[] {
  const weights = Array.from({ length: departments }, (_, k) => 1 / (k + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((units * w) / total)));
  for (let i = 0; sizes.reduce((a, b) => a + b, 0) < units; i = (i + 1) % departments) sizes[i] = (sizes[i] ?? 0) + 1;
  return sizes;
}

const deptCode = (k: number) => `420100-${String(k + 1).padStart(3, '0')}`;
const unitCode = (i: number) => `L${String(i).padStart(5, '0')}`;
const unitName = (i: number) => `负载测试单位${String(i).padStart(5, '0')}`;

let t: TestStack;
/** Why runs failed (each is received again; none may end in the dead-letter folder). */
const failures = new Map<string, number>();
let store: DynamoDisclosureStore;
const variants: Variant[] = [];
const departmentOf: string[] = [];
let sizes: number[] = [];

async function pool<T>(items: readonly T[], limit: number, work: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i] as T, i);
      }
    }),
  );
}

beforeAll(async () => {
  const started = performance.now();
  // The unit and year come from the key (no name in the workbook: one S-01a warning), so a dozen workbooks serve
  // every unit; their totals differ, so pages show which one was published.
  for (let v = 0; v < VARIANTS; v++) variants.push(await variantWorkbook(20_000 + v, '', YEAR));
  sizes = departmentSizes(UNITS, DEPARTMENTS);
  sizes.forEach((size, k) => {
    for (let j = 0; j < size; j++) departmentOf.push(deptCode(k));
  });
  t = await startTestStack({
    concurrency: CONCURRENCY,
    indexConcurrency: 8,
    yearPageIntervalMs: 1_000,
    // The status report refresh after each upload rewrites the year's whole report (O(units) per upload): it is
    // measured apart (docs/capacity.md), this test measures publication and index rebuilds.
    withoutAdminReport: true,
    log: {
      info: () => {},
      warn: () => {},
      error: (message, fields) => {
        const why = `${message}: ${String(fields?.error ?? '').slice(0, 120)}`;
        failures.set(why, (failures.get(why) ?? 0) + 1);
      },
    },
  });
  store = new DynamoDisclosureStore(t.stack.tableName);
  const registry = new DynamoUnitRegistry(t.stack.tableName);
  const unit = (i: number) => ({
    code: unitCode(i),
    name: unitName(i),
    department: `负载测试主管部门${departmentOf[i]}`,
    departmentCode: departmentOf[i] ?? null,
    aliases: [],
  });
  await pool(
    Array.from({ length: UNITS }, (_, i) => i),
    20,
    (i) => registry.put(unit(i)),
  );
  await registry.put({ ...unit(0), code: HOT, name: '负载测试高频单位' });
  console.log(`prepared ${UNITS} units in ${DEPARTMENTS} departments in ${Math.round(performance.now() - started)} ms`);
}, 600_000);

afterAll(async () => {
  await t?.close();
});

describe(`load: ${UNITS} units in ${DEPARTMENTS} departments, ingest concurrency ${CONCURRENCY}, one unit re-uploading ${HOT_RATE}×/s`, () => {
  it('answers every upload, keeps one current version per unit-year and lists every unit, with nothing dead-lettered', async () => {
    const started = performance.now();
    const hotKeys: string[] = [];
    let hotRunning = true;
    // On the clock: one upload every 1/HOT_RATE s, whatever each PUT takes.
    const hotPuts: Promise<void>[] = [];
    const hot = (async () => {
      const begin = performance.now();
      for (let n = 0; hotRunning; n++) {
        const due = begin + (n * 1000) / HOT_RATE;
        await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
        if (!hotRunning) break;
        const key = `uploads/${HOT}/${YEAR}/hot-${String(n).padStart(5, '0')}.xlsx`;
        hotKeys.push(key);
        hotPuts.push(putUpload(t.stack, key, (variants[n % VARIANTS] as Variant).bytes));
      }
      await Promise.all(hotPuts);
    })();
    await pool(
      Array.from({ length: UNITS }, (_, i) => i),
      CONCURRENCY,
      (i) =>
        putUpload(
          t.stack,
          `uploads/${unitCode(i)}/${YEAR}/决算公开 ${i}.xlsx`,
          (variants[i % VARIANTS] as Variant).bytes,
        ),
    );
    // The hot unit keeps uploading until every other upload has been answered.
    const answered = () => t.stack.outcomes.filter((o) => o.unitCode !== HOT).length;
    const progress = setInterval(() => {
      const q = t.stack.queues;
      console.log(
        `  ${Math.round((performance.now() - started) / 1000)} s: answered ${answered()}/${UNITS}, hot ${hotKeys.length}, ` +
          `ingest queue ${q.ingest.depth} (oldest ${Math.round(q.ingest.oldestAgeMs() / 1000)} s), index queue ${q.index.depth}`,
      );
    }, 15_000);
    while (answered() < UNITS && t.stack.deadLetters.length === 0) await new Promise((r) => setTimeout(r, 200));
    hotRunning = false;
    await hot;
    await t.stack.idle();
    clearInterval(progress);
    const seconds = (performance.now() - started) / 1000;

    // Every upload: one event, one outcome, a report; nothing failed, nothing dead-lettered.
    const uploads = UNITS + hotKeys.length;
    const statuses = t.stack.outcomes.map((o) => o.status);
    const count = (s: string) => statuses.filter((x) => x === s).length;
    const reportsMissing: string[] = [];
    await pool(t.stack.outcomes, 16, async (o) => {
      if (!o.reportPath || (await getObjectText(t.stack.uploadBucket, `${o.reportPath}.json`)) === null)
        reportsMissing.push(o.uploadId ?? '?');
    });

    // Each unit-year: exactly one current version, one of its published uploads, shown by its page.
    const wrongCurrent: string[] = [];
    await pool(
      Array.from({ length: UNITS }, (_, i) => i),
      16,
      async (i) => {
        const code = unitCode(i);
        const [pointer, submissions] = await Promise.all([
          store.getCurrent(code, YEAR),
          store.listSubmissions(code, YEAR),
        ]);
        if (!pointer || submissions.length !== 1 || submissions[0]?.uploadId !== pointer.version)
          wrongCurrent.push(code);
      },
    );
    const hotSubmissions = await store.listSubmissions(HOT, YEAR);
    const newest = [...hotSubmissions].sort((a, b) => compareUploads(b, a))[0];
    const hotPointer = await store.getCurrent(HOT, YEAR);
    const hotData = dataJsonTotal((await httpGet(t.stack, `/${YEAR}/${HOT}/data.json`)).body);
    const newestVariant = variants[hotKeys.indexOf(newest?.key ?? '') % VARIANTS];

    // Every department's pages (≤ 500 units each) list every one of its units.
    const unlisted: string[] = [];
    let pages = 0;
    await pool(sizes, 8, async (_, k) => {
      const first = JSON.parse((await httpGet(t.stack, `/${YEAR}/departments/${deptCode(k)}/catalog.json`)).body);
      const catalogs: string[] = first.pageCatalogs ?? [`/${YEAR}/departments/${deptCode(k)}/catalog.json`];
      const listed = new Set<string>();
      for (const path of catalogs) {
        const c = path === catalogs[0] ? first : JSON.parse((await httpGet(t.stack, path)).body);
        pages++;
        for (const u of c.units as { code: string }[]) listed.add(u.code);
      }
      departmentOf.forEach((d, i) => {
        if (d === deptCode(k) && !listed.has(unitCode(i))) unlisted.push(unitCode(i));
      });
    });
    const yearPage = (await httpGet(t.stack, `/${YEAR}/`)).body;
    const rebuilds = t.stack.indexOutcomes.filter((o) => o.status === 'rebuilt').length;
    const skipped = t.stack.indexOutcomes.filter((o) => o.status === 'skipped').length;

    console.log(
      `load summary: units=${UNITS} departments=${DEPARTMENTS} largest=${Math.max(...sizes)} concurrency=${CONCURRENCY} ` +
        `uploads=${uploads} (hot ${hotKeys.length} at ${HOT_RATE}/s) answered=${t.stack.outcomes.length} ` +
        `published=${count('published')} superseded=${count('superseded')} rejected=${count('rejected')} ` +
        `reportsMissing=${reportsMissing.length} wrongCurrent=${wrongCurrent.length} unlisted=${unlisted.length} ` +
        `departmentPages=${pages} indexMessages=${t.stack.queues.index.stats.sent} rebuilds=${rebuilds} skipped=${skipped} ` +
        `deadLetters=${t.stack.deadLetters.length + t.stack.indexDeadLetters.length} ` +
        `ingestReceives=${t.stack.queues.ingest.stats.received} seconds=${seconds.toFixed(1)} uploadsPerSecond=${(uploads / seconds).toFixed(1)}`,
    );
    if (failures.size > 0) console.log(`failed attempts (received again): ${JSON.stringify([...failures])}`);

    expect(t.stack.deadLetters).toEqual([]);
    expect(t.stack.indexDeadLetters).toEqual([]);
    expect(t.stack.events).toHaveLength(uploads);
    expect(new Set(t.stack.events.map((e) => decodeEventKey(e.Records[0]?.s3.object.key ?? ''))).size).toBe(uploads);
    expect(t.stack.outcomes).toHaveLength(uploads);
    expect(count('rejected') + count('duplicate') + count('ignored')).toBe(0);
    expect(reportsMissing).toEqual([]);
    expect(wrongCurrent).toEqual([]);
    expect(hotSubmissions).toHaveLength(hotKeys.length);
    expect(hotPointer?.version).toBe(newest?.uploadId);
    expect(hotData).toBe(newestVariant?.total);
    expect(unlisted).toEqual([]);
    expect(yearPage).toContain(`${UNITS + 1}个单位`);
    // Coalescing: far fewer department rebuilds than publications.
    expect(rebuilds).toBeLessThan(uploads / 2);
  });
});
