import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { compareUploads } from '../../shared/ingest/ordering.ts';
import { s3Client } from '../../shared/storage/s3-store.ts';
import {
  dataJsonTotal,
  deferred,
  getObjectText,
  httpGet,
  putUpload,
  useTestStack,
  variantWorkbook,
} from './stack-helpers.ts';

/**
 * The three ways a stale version used to stay public (issue 12), each on the embedded stack with the real handler:
 * whatever interleaves or crashes, the public files of a unit-year converge to its pointer's version.
 */

const DEPARTMENT = '过期版本测试主管部门';
const unitName = (code: string) => `过期版本测试单位${code}`;

const t = useTestStack({ department: DEPARTMENT, departmentCode: 'STALE-DEPT', name: unitName });

/** Waits until the upload of `key` has a finished submission with `status`. */
async function until(code: string, year: number, key: string, status: string): Promise<string> {
  for (let i = 0; i < 800; i++) {
    const s = (await t.store.listSubmissions(code, year)).find((x) => x.key === key && x.status === status);
    if (s) return s.uploadId;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${key} never became ${status}`);
}

async function served(code: string, year: number) {
  const page = await httpGet(t.stack, `/${year}/${code}/`);
  const data = await httpGet(t.stack, `/${year}/${code}/data.json`);
  return { page: page.body, dataTotal: data.status === 200 ? dataJsonTotal(data.body) : null };
}

describe('stale versions converge to the pointer', () => {
  it('(1) an older run’s files land after a newer upload became current and the run crashes: the files converge to the newer', async () => {
    const code = 'S-OLDER';
    await t.register(code);
    const older = await variantWorkbook(9101, unitName(code));
    const newer = await variantWorkbook(9102, unitName(code));
    const olderKey = `uploads/${code}/2023/older.xlsx`;
    const newerKey = `uploads/${code}/2023/newer.xlsx`;
    const atWrite = deferred();
    const release = deferred();
    let held = false;
    let armed = false;
    let crashed = false;
    t.hooks.publishFault = async (point, at) => {
      if (at.unitCode !== code) return;
      if (point === 'before-disclosure-write' && !held) {
        held = true;
        atWrite.resolve();
        await release.promise;
      } else if (point === 'before-recheck' && armed && !crashed) {
        crashed = true;
        throw new Error('injected crash before the re-check');
      }
    };
    try {
      await putUpload(t.stack, olderKey, older.bytes);
      await atWrite.promise; // the older upload is current and has rendered its files
      await new Promise((r) => setTimeout(r, 5));
      await putUpload(t.stack, newerKey, newer.bytes);
      // The newer upload becomes current (its publication waits for the older run's lease)…
      for (let i = 0; i < 800 && (await t.store.getCurrent(code, 2023))?.key !== newerKey; i++) {
        await new Promise((r) => setTimeout(r, 25));
      }
      armed = true;
      release.resolve(); // …the older files land now, after the newer became current, then that run crashes
      const newerId = await until(code, 2023, newerKey, 'published');
      await t.stack.idle();
      expect(crashed).toBe(true);
      const state = await served(code, 2023);
      expect((await t.store.getCurrent(code, 2023))?.version).toBe(newerId);
      expect(state.dataTotal).toBe(newer.total);
      expect(state.page).toContain(newer.total);
      const unitCatalog = JSON.parse((await httpGet(t.stack, `/units/${code}/catalog.json`)).body);
      expect(unitCatalog.years.map((y: { version: string }) => y.version)).toEqual([newerId]);
      const deptCatalog = JSON.parse((await httpGet(t.stack, '/2023/departments/STALE-DEPT/catalog.json')).body);
      expect(deptCatalog.units.find((u: { code: string }) => u.code === code)?.version).toBe(newerId);
      const submissions = await t.store.listSubmissions(code, 2023);
      expect(submissions.find((s) => s.key === olderKey)?.status).toBe('superseded');
      expect(t.stack.deadLetters).toEqual([]);
    } finally {
      release.resolve();
      t.hooks.publishFault = undefined;
    }
  });

  it('(2) the following-year re-render does not leave a page of a following-year version that moved meanwhile', async () => {
    const code = 'S-FOLLOW';
    await t.register(code);
    const v2024a = await variantWorkbook(9201, unitName(code), 2024);
    const v2024b = await variantWorkbook(9202, unitName(code), 2024);
    const v2023 = await variantWorkbook(9203, unitName(code), 2023);
    await putUpload(t.stack, `uploads/${code}/2024/a.xlsx`, v2024a.bytes);
    await t.stack.idle();
    expect((await served(code, 2024)).dataTotal).toBe(v2024a.total);

    let moved = false;
    t.hooks.publishFault = async (point, at) => {
      // Publishing 2023 re-renders 2024 from 2024's pointer; before that page lands, 2024 is uploaded again.
      if (at.unitCode === code && at.year === 2023 && point === 'before-following-write' && !moved) {
        moved = true;
        await putUpload(t.stack, `uploads/${code}/2024/b.xlsx`, v2024b.bytes);
        await until(code, 2024, `uploads/${code}/2024/b.xlsx`, 'published');
      }
    };
    try {
      await putUpload(t.stack, `uploads/${code}/2023/a.xlsx`, v2023.bytes);
      await t.stack.idle();
    } finally {
      t.hooks.publishFault = undefined;
    }
    expect(moved).toBe(true);
    const state = await served(code, 2024);
    expect(state.dataTotal).toBe(v2024b.total);
    expect(state.page).toContain(v2024b.total);
    // …and its year-on-year text quotes the 2023 publication.
    expect(state.page).toContain('2023');
    expect((await served(code, 2023)).dataTotal).toBe(v2023.total);
  });

  it('(3) two different objects carrying the same client upload id are two submissions; the newer is shown', async () => {
    const code = 'S-SAMEID';
    await t.register(code);
    const a = await variantWorkbook(9301, unitName(code));
    const b = await variantWorkbook(9302, unitName(code));
    const keys = [`uploads/${code}/2023/a.xlsx`, `uploads/${code}/2023/b.xlsx`];
    // Both are held before they are read, then run at the same moment.
    const arrived = new Set<string>();
    const both = deferred();
    t.hooks.beforeFetch = async (key) => {
      if (!keys.includes(key)) return;
      arrived.add(key);
      if (arrived.size === 2) both.resolve();
      await both.promise;
    };
    try {
      for (const [i, key] of keys.entries()) {
        await s3Client().send(
          new PutObjectCommand({
            Bucket: t.stack.uploadBucket,
            Key: key,
            Body: [a, b][i]?.bytes,
            Metadata: { 'upload-id': 'cli-same-0000-1111' },
          }),
        );
        await new Promise((r) => setTimeout(r, 5));
      }
      await t.stack.idle();
    } finally {
      both.resolve();
      t.hooks.beforeFetch = undefined;
    }
    const submissions = await t.store.listSubmissions(code, 2023);
    expect(submissions.map((s) => s.key).sort()).toEqual(keys);
    expect(new Set(submissions.map((s) => s.uploadId)).size).toBe(2);
    expect(submissions.map((s) => s.uploadId)).toContain('cli-same-0000-1111');
    const newest = [...submissions].sort((x, y) => compareUploads(y, x))[0];
    expect((await t.store.getCurrent(code, 2023))?.version).toBe(newest?.uploadId);
    const expected = newest?.key === keys[1] ? b.total : a.total;
    expect((await served(code, 2023)).dataTotal).toBe(expected);
    // Each upload has its own report.
    for (const s of submissions) expect(await getObjectText(t.stack.uploadBucket, `${s.reportPath}.json`)).toBeTruthy();
  });
});
