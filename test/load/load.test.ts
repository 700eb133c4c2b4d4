import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeEventKey } from '../../shared/ingest/upload-key.ts';
import { departmentSlug } from '../../shared/site/paths.ts';
import { DynamoUnitRegistry } from '../../shared/storage/dynamo-store.ts';
import {
  dataJsonTotal,
  httpGet,
  putUpload,
  startTestStack,
  type TestStack,
  type Variant,
  variantWorkbook,
} from '../faults/stack-helpers.ts';

/**
 * Load: 200 units of one 主管部门 upload their workbooks at the same moment to the running embedded stack (127.0.0.1
 * only). Every upload is processed exactly once, every page is served, and the department's index for the year
 * lists all 200 — none lost to the races between publications of one department. `npm run test:load`.
 */

const UNITS = 200;
const DEPARTMENT = '压力测试主管部门';
const YEAR = 2023;

let t: TestStack;
const variants: Variant[] = [];
const code = (i: number) => `L${String(i).padStart(3, '0')}`;
const name = (i: number) => `压力测试单位${String(i).padStart(3, '0')}`;

/** Runs `work` over `items` with at most `limit` in flight (bounded, like a client would). */
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
  for (let i = 0; i < UNITS; i++) variants.push(await variantWorkbook(10_000 + i, name(i), YEAR));
  t = await startTestStack();
  const registry = new DynamoUnitRegistry(t.stack.tableName);
  await pool(
    Array.from({ length: UNITS }, (_, i) => i),
    10,
    (i) => registry.put({ code: code(i), name: name(i), department: DEPARTMENT, aliases: [] }),
  );
  console.log(`prepared ${UNITS} workbooks and units in ${Math.round(performance.now() - started)} ms`);
});

afterAll(async () => {
  await t?.close();
});

describe(`load: ${UNITS} units uploading at once`, () => {
  it('processes every upload exactly once and publishes every page and index entry', async () => {
    const started = performance.now();
    await Promise.all(
      variants.map((v, i) => putUpload(t.stack, `uploads/${code(i)}/${YEAR}/决算公开 ${i}.xlsx`, v.bytes)),
    );
    const uploaded = performance.now();
    await t.stack.idle();
    const processed = performance.now();
    const seconds = (processed - started) / 1000;
    console.log(
      `${UNITS} uploads: PUT in ${Math.round(uploaded - started)} ms, all processed in ${seconds.toFixed(1)} s ` +
        `(${(UNITS / seconds).toFixed(1)} uploads/s)`,
    );

    // Exactly once: one event and one outcome per upload, all published, nothing dead-lettered.
    expect(t.stack.deadLetters).toEqual([]);
    expect(t.stack.events).toHaveLength(UNITS);
    const keys = t.stack.events.map((e) => decodeEventKey(e.Records[0]?.s3.object.key ?? ''));
    expect(new Set(keys).size).toBe(UNITS);
    expect(t.stack.outcomes).toHaveLength(UNITS);
    expect(t.stack.outcomes.map((o) => o.status)).toEqual(Array(UNITS).fill('published'));
    expect(new Set(t.stack.outcomes.map((o) => o.unitCode)).size).toBe(UNITS);

    // Every page, with its own figures.
    const missing: string[] = [];
    await pool(variants, 8, async (v, i) => {
      const page = await httpGet(t.stack, `/${YEAR}/${code(i)}/`);
      const data = await httpGet(t.stack, `/${YEAR}/${code(i)}/data.json`);
      if (page.status !== 200 || !page.body.includes(name(i)) || !page.body.includes(v.total)) missing.push(code(i));
      else if (dataJsonTotal(data.body) !== v.total) missing.push(`${code(i)} data.json`);
    });
    expect(missing).toEqual([]);

    // The department/year index lists all of them; the year and home pages count them.
    const slug = departmentSlug(DEPARTMENT);
    const department = await httpGet(t.stack, `/${YEAR}/departments/${slug}/`);
    expect(department.status).toBe(200);
    const unlisted = variants.map((_, i) => code(i)).filter((c) => !department.body.includes(`/${YEAR}/${c}/`));
    expect(unlisted).toEqual([]);
    const catalog = JSON.parse((await httpGet(t.stack, `/${YEAR}/departments/${slug}/catalog.json`)).body);
    expect(JSON.stringify(catalog).match(/"data":/g)?.length).toBe(UNITS);
    expect((await httpGet(t.stack, `/${YEAR}/`)).body).toContain(`${UNITS}个单位`);
    expect((await httpGet(t.stack, '/')).body).toContain(`${UNITS}个单位`);
    console.log(`verified ${UNITS} pages and the indexes in ${Math.round(performance.now() - processed)} ms`);
  });
});
