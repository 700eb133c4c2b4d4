import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { afterAll, beforeAll } from 'vitest';
import type { S3Event } from '../../functions/ingest/s3-event.ts';
import { type EmbeddedStack, startEmbeddedStack } from '../../infra/local/embedded-stack.ts';
import type { FaultPoint, IngestDeps } from '../../shared/ingest/ingest-upload.ts';
import type { PublishFaultPoint } from '../../shared/ingest/publish-site.ts';
import { decodeEventKey } from '../../shared/ingest/upload-key.ts';
import type { Logger } from '../../shared/log.ts';
import type { DisclosureStore, StoredVersion } from '../../shared/ports.ts';
import { DynamoDisclosureStore, DynamoUnitRegistry } from '../../shared/storage/dynamo-store.ts';
import { s3Client } from '../../shared/storage/s3-store.ts';
import { writeDisclosureWorkbook } from '../../shared/workbook/write-workbook.ts';
import { loadSeed } from '../helpers/seed.ts';
import { exactFigures, figuresArbitrary, roundedDisclosure } from '../property/disclosure-arbitrary.ts';

/**
 * The embedded stack (s3rver + dynalite + the real handler, in this process, on 127.0.0.1) with hooks a test can set
 * to crash, hold or break the ingest function at a point, plus the S3/HTTP calls a unit and a reader make.
 */

export interface Hooks {
  /**
   * Called at every fault point of every delivery; throw to crash there, await to hold it. The use case does not
   * say which delivery is at the point, so tests arm it while a single upload is in flight.
   */
  fault?: (point: FaultPoint) => void | Promise<void>;
  /** Called before an upload is read from S3 (hold it to reorder or delete it first). */
  beforeFetch?: (key: string) => void | Promise<void>;
  /** Replaces DisclosureStore.saveVersion (a broken dependency). */
  saveVersion?: (v: StoredVersion, real: DisclosureStore) => Promise<void>;
  /** Called at the fault points inside a publication, with the unit-year there (throw to crash, await to hold). */
  publishFault?: (point: PublishFaultPoint, at: { unitCode: string; year: number }) => void | Promise<void>;
}

export interface TestStack {
  stack: EmbeddedStack;
  hooks: Hooks;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestStack(
  options: {
    concurrency?: number;
    indexConcurrency?: number;
    yearPageIntervalMs?: number;
    /**
     * Leaves out the refresh of the finance bureau's status report after each upload (issue 13's `afterUpload`),
     * which rewrites the whole year's report on every upload: the load test measures the publication path alone.
     */
    withoutAdminReport?: boolean;
    /** The stack's logger (default: silent). */
    log?: Logger;
  } = {},
): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongkai-faults-'));
  const hooks: Hooks = {};
  const stack = await startEmbeddedStack({
    dataDir,
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.indexConcurrency ? { indexConcurrency: options.indexConcurrency } : {}),
    // The year and home pages at most every 200 ms instead of every minute, so tests need not wait for them.
    yearPageIntervalMs: options.yearPageIntervalMs ?? 200,
    ...(options.log ? { log: options.log } : {}),
    customizeDeps: (deps) => withHooks(options.withoutAdminReport ? { ...deps, afterUpload: undefined } : deps, hooks),
  });
  return {
    stack,
    hooks,
    dataDir,
    close: async () => {
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A test file's stack: started (with the defaults) before the file's tests and closed after them, with the disclosure
 * store on its table, and `register(code)` putting a unit of the file's one department in the registry. Read its
 * fields inside tests: before `beforeAll` has started the stack they throw.
 */
export interface FileStack {
  readonly stack: EmbeddedStack;
  readonly hooks: Hooks;
  readonly dataDir: string;
  readonly store: DynamoDisclosureStore;
  register(code: string): Promise<void>;
}

export function useTestStack(units: {
  department: string;
  /** The department's code in the registry (absent: none). */
  departmentCode?: string;
  name: (code: string) => string;
}): FileStack {
  let t: TestStack | undefined;
  let store: DynamoDisclosureStore | undefined;
  beforeAll(async () => {
    t = await startTestStack();
    store = new DynamoDisclosureStore(t.stack.tableName);
  });
  afterAll(async () => {
    await t?.close();
  });
  const get = () => {
    if (!t || !store) throw new Error('the test stack is started in beforeAll');
    return { t, store };
  };
  return {
    get stack() {
      return get().t.stack;
    },
    get hooks() {
      return get().t.hooks;
    },
    get dataDir() {
      return get().t.dataDir;
    },
    get store() {
      return get().store;
    },
    register: async (code) => {
      await new DynamoUnitRegistry(get().t.stack.tableName).put({
        code,
        name: units.name(code),
        department: units.department,
        ...(units.departmentCode === undefined ? {} : { departmentCode: units.departmentCode }),
        aliases: [],
      });
    },
  };
}

/** The ingest dependencies with the hooks spliced in. */
function withHooks(deps: IngestDeps, hooks: Hooks): IngestDeps {
  const uploads = {
    fetch: async (key: string, versionId: string | null, max: number) => {
      await hooks.beforeFetch?.(key);
      return deps.uploads.fetch(key, versionId, max);
    },
  };
  const store = new Proxy(deps.store, {
    get(target, prop, receiver) {
      if (prop === 'saveVersion') {
        return (v: StoredVersion) => (hooks.saveVersion ? hooks.saveVersion(v, target) : target.saveVersion(v));
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    ...deps,
    uploads,
    store,
    fault: async (point) => {
      await hooks.fault?.(point);
    },
    publishFault: async (point, at) => {
      await hooks.publishFault?.(point, at);
    },
  };
}

export async function putUpload(stack: EmbeddedStack, key: string, body: Uint8Array): Promise<void> {
  await s3Client().send(new PutObjectCommand({ Bucket: stack.uploadBucket, Key: key, Body: body }));
}

export async function deleteUpload(stack: EmbeddedStack, key: string): Promise<void> {
  await s3Client().send(new DeleteObjectCommand({ Bucket: stack.uploadBucket, Key: key }));
}

export async function getObjectText(bucket: string, key: string): Promise<string | null> {
  try {
    const r = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await r.Body?.transformToString()) ?? null;
  } catch {
    return null;
  }
}

export async function httpGet(stack: EmbeddedStack, path: string): Promise<{ status: number; body: string }> {
  const r = await fetch(`${stack.siteUrl}${path}`);
  return { status: r.status, body: await r.text() };
}

/** The events the stack received for a key (as real S3 sent them: key URL-encoded). */
export function eventsFor(stack: EmbeddedStack, key: string): S3Event[] {
  return stack.events.filter((e) => decodeEventKey(e.Records[0]?.s3.object.key ?? '') === key);
}

/** A promise with its resolver, to hold a delivery until the test lets it go. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve: (v: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A consistent workbook for `unitName` with figures drawn from `seed` (distinct totals per seed). */
export interface Variant {
  bytes: Buffer;
  /** 总计 (T1 31行) as shown on the page and in data.json. */
  total: string;
}

let templatePromise: ReturnType<typeof loadSeed> | null = null;

export async function variantWorkbook(seed: number, unitName: string, year = 2023): Promise<Variant> {
  templatePromise ??= loadSeed();
  const template = (await templatePromise).disclosure;
  const [g] = fc.sample(figuresArbitrary, { numRuns: 1, seed });
  if (!g) throw new Error('no sample');
  // At least 1 万元 of spending, so the total is a figure the page shows.
  const d = roundedDisclosure(template, exactFigures({ ...g, basic: g.basic.map((b, i) => (i === 0 ? b + 1e6 : b)) }));
  const total = d.tables.T1?.rows.find((r) => r.key === 'L31')?.cells[1]?.value.toFixed(2) ?? '';
  return { bytes: await writeDisclosureWorkbook(d, { year, unitName }), total };
}

/** The 总计 (T1 31行) of a published data.json. */
export function dataJsonTotal(json: string): string | null {
  try {
    const data = JSON.parse(json) as {
      tables: { id: string; rows: { key: string; cells: Record<string, { amount: string }> }[] }[];
    };
    return data.tables.find((t) => t.id === 'T1')?.rows.find((r) => r.key === 'L31')?.cells['1']?.amount ?? null;
  } catch {
    return null;
  }
}

/**
 * A reader polling one disclosure over HTTP while the pipeline works: every page it gets must be whole (its closing
 * `</html>`), show one of the expected versions, and come with a data.json of that version (data is written before
 * the page that links it). Bounded: stops when told, or after `maxPolls`.
 */
export function pollReader(stack: EmbeddedStack, path: string, totals: () => readonly string[], maxPolls = 5000) {
  const problems: string[] = [];
  let pages = 0;
  let stopped = false;
  const done = (async () => {
    for (let i = 0; i < maxPolls && !stopped; i++) {
      const page = await httpGet(stack, path);
      if (page.status === 200) {
        pages++;
        const shown = totals().filter((t) => page.body.includes(t));
        if (!page.body.trimEnd().endsWith('</html>')) problems.push(`partial page (${page.body.length} bytes)`);
        else if (shown.length === 0) problems.push('page shows none of the expected totals');
        const data = await httpGet(stack, `${path}data.json`);
        const dataTotal = data.status === 200 ? dataJsonTotal(data.body) : null;
        if (dataTotal === null) problems.push(`page without its data.json (${data.status})`);
        else if (!totals().includes(dataTotal)) problems.push(`data.json of an unknown version (${dataTotal})`);
      } else if (page.status !== 404) problems.push(`status ${page.status}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    problems,
    pagesSeen: () => pages,
    /** Stops after the reader has seen at least one whole page (bounded), so its checks are never vacuous. */
    stop: async () => {
      for (let i = 0; i < 200 && pages === 0 && problems.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      stopped = true;
      await done;
    },
  };
}
