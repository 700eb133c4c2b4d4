import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { S3Event } from '../functions/ingest/s3-event.ts';
import { type EmbeddedStack, startEmbeddedStack } from '../infra/local/embedded-stack.ts';
import { type IngestDeps, type IngestOutcome, ingestUpload, type UploadEvent } from '../shared/ingest/ingest-upload.ts';
import { type RebuildDeps, rebuildDepartment } from '../shared/ingest/rebuild-indexes.ts';
import { encodeEventKey } from '../shared/ingest/upload-key.ts';
import type { RegisteredUnit } from '../shared/ports.ts';
import { siteRenderer } from '../shared/site/index.ts';
import { DynamoDisclosureStore, DynamoUnitRegistry, documentClient } from '../shared/storage/dynamo-store.ts';
import { MemoryRegistry, MemoryReports, MemorySite, MemoryStore, MemoryUploads } from '../shared/storage/memory.ts';
import { S3ReportSink, S3SiteWriter, S3UploadSource } from '../shared/storage/s3-store.ts';
import { IoCounter, type IoCounts } from './counting.ts';
import { ItemSizeMeter, ReadCapacityMeter, type WrittenItem } from './dynamo-item-size.ts';
import { BENCH_DEPARTMENT_5K, departmentOf, departmentSizes, populate, populateDepartment } from './populate.ts';
import { startSqsSink } from './sqs-sink.ts';
import { nowMs, pairedRatio, type Sample, summarize } from './stats.ts';
import { bareLoad, benchSandbox, benchValidation, type SandboxResult, type ValidationResult } from './validation.ts';

/**
 * The measuring process. `npm run bench` (bench/run.ts) bundles this file with the Lambda's esbuild options and runs
 * it with plain `node`, so what is timed is the code as deployed (no tsx transform), in a process that holds nothing
 * but the measured code and the embedded stack.
 *
 * Usage: `node measure.cjs <config.json>` runs every measurement and writes `<workDir>/results.json`.
 */
export interface MeasureConfig {
  workDir: string;
  seedFile: string;
  largeFile: string;
  seedUnit: RegisteredUnit;
  largeUnit: RegisteredUnit;
  year: number;
  /** The ingest handler bundle (for the peak-RSS child). */
  handlerBundle: string;
  /** bench/rss-validate.ts, bundled (the validate-only peak-RSS child). */
  rssValidateBundle: string;
  populations: { small: number; large: number };
  runs: {
    warmup: number;
    validateSeed: number;
    validateLarge: number;
    ingestSeed: number;
    ingestLarge: number;
    /** Measured uploads per population (each a new unit). */
    scaleUploads: number;
  };
}

export interface IngestResult {
  bare: Sample;
  ingest: Sample;
  ratio: number;
  /** Median of per-iteration ratios (ingest ÷ the bare load run just before it). */
  pairedRatio: Sample;
  /** The same use case on the in-memory ports (no I/O): what validation, rendering and bookkeeping cost alone. */
  inMemory: Sample;
  inMemoryRatio: number;
  /** Port-level counts of one upload (every run writes the same). */
  io: IoCounts;
  /** Median split of one ingest's time. */
  splitMs: IoCounts['ms'] & { other: number };
  /** Median milliseconds per port method. */
  msByMethod: Record<string, number>;
  largestItem: WrittenItem | null;
}

export interface ScalePhase {
  units: number;
  departments: number;
  ingest: Sample;
  /** Distinct totals seen across the measured uploads (one value: writes do not depend on anything). */
  dynamoWrites: number[];
  s3Writes: number[];
  dynamoItemsRead: number[];
  /** DynamoDB read capacity units of each measured upload (as billed: 4 KB units, strongly consistent). */
  readCapacityUnits: number[];
  io: IoCounts;
  populateMs: number;
}

export interface ScaleResult {
  small: ScalePhase;
  large: ScalePhase;
  /** The bare load, interleaved with the uploads of both stacks. */
  bare: Sample;
  /** Median of per-upload ratios (10,000-unit stack ÷ 100-unit stack, the same department, back to back). */
  pairedRatio: Sample;
  /** Each measured upload: the department it joined (units after the upload, per stack) and the two times. */
  uploads: { department: string; unitsSmall: number; unitsLarge: number; msSmall: number; msLarge: number }[];
  /** Rebuilding every page of one department of 5,000 units (10 pages of 500) on the 10,000-unit stack, ms. */
  indexRebuild5k: Sample;
  /** Departments of the 10,000-unit population. */
  departmentsLarge: number;
}

export interface RssResult {
  ok: boolean;
  outcome: string;
  peakRssMb: number;
  rssAfterImportMb: number;
  heapUsedMb: number;
}

export interface MeasureResult {
  validation: { seed: ValidationResult; large: ValidationResult };
  sandbox: { seed: SandboxResult; large: SandboxResult };
  ingest: { seed: IngestResult; large: IngestResult };
  scale: ScaleResult;
  memory: { validateLarge: RssResult; ingestLarge: RssResult };
}

const RESULT_MARK = 'BENCH_RESULT ';

/** Sequencers above any the embedded stack issues, increasing: each event is a new, newer upload. */
let sequence = 0;
function event(key: string): UploadEvent {
  sequence++;
  return {
    key,
    eventTime: new Date().toISOString(),
    sequencer: `F${sequence.toString(16).toUpperCase().padStart(19, '0')}`,
    etag: null,
    versionId: null,
  };
}

function published(outcome: IngestOutcome, what: string): void {
  if (outcome.status !== 'published') {
    throw new Error(
      `${what}: expected a publication, got ${outcome.status} ${JSON.stringify(outcome.report?.summary)}`,
    );
  }
}

function medianCounts(list: readonly IoCounts[]): IngestResult['splitMs'] {
  const pick = (f: (c: IoCounts) => number) => summarize(list.map(f)).median;
  return {
    validate: pick((c) => c.ms.validate),
    render: pick((c) => c.ms.render),
    dynamoRead: pick((c) => c.ms.dynamoRead),
    dynamoWrite: pick((c) => c.ms.dynamoWrite),
    s3Read: pick((c) => c.ms.s3Read),
    s3Write: pick((c) => c.ms.s3Write),
    other: 0,
  };
}

async function main(configPath: string): Promise<void> {
  const config = JSON.parse(await readFile(configPath, 'utf8')) as MeasureConfig;
  const { runs, year } = config;
  const seedBytes = await readFile(config.seedFile);
  const largeBytes = await readFile(config.largeFile);
  const log = (m: string) => process.stderr.write(`  ${m}\n`);

  // 1. Validation overhead.
  log('validation: seed');
  const validationSeed = await benchValidation(
    seedBytes,
    { unitName: config.seedUnit.name, year },
    runs.warmup,
    runs.validateSeed,
  );
  log('validation: large');
  const validationLarge = await benchValidation(
    largeBytes,
    { unitName: config.largeUnit.name, year },
    runs.warmup,
    runs.validateLarge,
  );

  // 1b. What the sandbox costs: in this thread against the warm worker.
  log('sandbox: seed');
  // The worker has just validated these workbooks 100+ times (above); this thread's validation code has not run
  // yet, so it gets a longer warm-up, lest its JIT warm-up count against the baseline.
  const sandboxWarmup = runs.warmup * 6;
  const sandboxSeed = await benchSandbox(
    seedBytes,
    { unitName: config.seedUnit.name, year },
    sandboxWarmup,
    runs.validateSeed,
  );
  log('sandbox: large');
  const sandboxLarge = await benchSandbox(
    largeBytes,
    { unitName: config.largeUnit.name, year },
    sandboxWarmup,
    runs.validateLarge,
  );

  // 2. Two embedded stacks: one that will hold 100 published units, one 10,000 — uploads alternate between them, so
  // the ratio of their times is immune to the machine's load drifting during the run.
  log('starting two embedded stacks');
  const small = await benchStack(join(config.workDir, 'stack-small'), year);
  const large = await benchStack(join(config.workDir, 'stack-large'), year);
  try {
    // 3. Ingest overhead (on the 100-unit stack once populated): the whole use case — fetch, validate, store, render,
    // write — against the bare load, and the same use case on the in-memory ports (no I/O).
    log(`scale: publishing ${config.populations.small} units directly`);
    const populateSmallMs = await small.populate(config.populations.small);
    await small.registry.put(config.seedUnit);
    await small.registry.put(config.largeUnit);
    const seedKey = `uploads/${config.seedUnit.code}/${year}/决算公开.xlsx`;
    const largeKey = `uploads/${config.largeUnit.code}/${year}/决算公开.xlsx`;
    await small.putUpload(seedKey, seedBytes);
    await small.putUpload(largeKey, largeBytes);
    await small.stack.idle();

    const ingestOverhead = async (
      key: string,
      bytes: Uint8Array,
      unit: RegisteredUnit,
      n: number,
    ): Promise<IngestResult> => {
      const bare: number[] = [];
      const ingest: number[] = [];
      const inMemory: number[] = [];
      const io: IoCounts[] = [];
      let largest: WrittenItem | null = null;
      const uploads = new MemoryUploads();
      uploads.put(key, bytes);
      const registry = new MemoryRegistry();
      await registry.put(unit);
      const memoryDeps: IngestDeps = {
        ...small.stack.deps,
        uploads,
        registry,
        reports: new MemoryReports(),
        site: new MemorySite(),
        store: new MemoryStore(),
      };
      for (let i = 0; i < runs.warmup + n; i++) {
        let t = nowMs();
        await bareLoad(bytes);
        const b = nowMs() - t;
        t = nowMs();
        published(await ingestUpload(event(key), memoryDeps), `${key} (in-memory ports)`);
        const m = nowMs() - t;
        small.counter.take();
        small.meter.take();
        t = nowMs();
        const outcome = await ingestUpload(event(key), small.deps);
        const d = nowMs() - t;
        published(outcome, key);
        const wire = small.meter.take();
        const counts = IoCounter.withWire(small.counter.take(), wire);
        const big = wire.largest;
        if (i < runs.warmup) continue;
        bare.push(b);
        ingest.push(d);
        inMemory.push(m);
        io.push(counts);
        if (big && (largest === null || big.bytes > largest.bytes)) largest = big;
      }
      const ingestSample = summarize(ingest);
      const inMemorySample = summarize(inMemory);
      const split = medianCounts(io);
      const known = split.validate + split.render + split.dynamoRead + split.dynamoWrite + split.s3Read + split.s3Write;
      const bareSample = summarize(bare);
      return {
        bare: bareSample,
        ingest: ingestSample,
        ratio: ingestSample.median / bareSample.median,
        pairedRatio: pairedRatio(ingest, bare),
        inMemory: inMemorySample,
        inMemoryRatio: inMemorySample.median / bareSample.median,
        io: io[io.length - 1] as IoCounts,
        splitMs: { ...split, other: Math.max(0, ingestSample.median - known) },
        msByMethod: Object.fromEntries(
          Object.keys(io[0]?.msByMethod ?? {}).map((k) => [k, summarize(io.map((c) => c.msByMethod[k] ?? 0)).median]),
        ),
        largestItem: largest,
      };
    };
    log('ingest: seed');
    const ingestSeed = await ingestOverhead(seedKey, seedBytes, config.seedUnit, runs.ingestSeed);
    log('ingest: large');
    const ingestLarge = await ingestOverhead(largeKey, largeBytes, config.largeUnit, runs.ingestLarge);

    // 4. Peak RSS of a fresh process running the bundled handler on the large upload (a Lambda cold invocation).
    log('memory: ingest large in a fresh process');
    const largeEvent = event(largeKey);
    const s3Event: S3Event = {
      Records: [
        {
          eventName: 'ObjectCreated:Put',
          eventTime: largeEvent.eventTime,
          s3: {
            bucket: { name: small.stack.uploadBucket },
            object: { key: encodeEventKey(largeKey), sequencer: largeEvent.sequencer ?? undefined },
          },
        },
      ],
    };
    const sqs = await startSqsSink();
    const ingestRss = await childRss(
      [
        '-e',
        `const { handler } = require(${JSON.stringify(config.handlerBundle)});
         const afterImport = process.memoryUsage().rss;
         // A Lambda context (the logger reads it); the event as S3 would send it, invoked directly.
         const context = { awsRequestId: 'bench', functionName: 'bench', functionVersion: '$LATEST',
           invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:bench', memoryLimitInMB: '1024' };
         handler(${JSON.stringify(s3Event)}, context).then(
           () => report(true, 'handled'),
           (e) => report(false, String(e && e.message)),
         );
         function report(ok, outcome) {
           process.stdout.write(${JSON.stringify(RESULT_MARK)} + JSON.stringify({
             ok, outcome,
             peakRssMb: process.resourceUsage().maxRSS / 1024,
             rssAfterImportMb: afterImport / 1048576,
             heapUsedMb: process.memoryUsage().heapUsed / 1048576,
           }) + '\\n');
         }`,
      ],
      {
        UPLOAD_BUCKET: small.stack.uploadBucket,
        SITE_BUCKET: small.stack.siteBucket,
        TABLE_NAME: small.stack.tableName,
        SITE_BASE_URL: small.stack.siteUrl,
        // The index change goes to a sink that only answers (sqs-sink.ts), so the measured run is a whole one.
        INDEX_QUEUE_URL: `${sqs.endpoint}/000000000000/index-changes.fifo`,
        AWS_ENDPOINT_URL_SQS: sqs.endpoint,
        AWS_MAX_ATTEMPTS: '1',
        AWS_ENDPOINT_URL_S3: small.stack.s3Endpoint,
        AWS_ENDPOINT_URL_DYNAMODB: small.stack.dynamoEndpoint,
      },
    );
    await sqs.close();
    if (!ingestRss.ok) throw new Error(`the fresh-process ingest of the large upload failed: ${ingestRss.outcome}`);
    const validateRss = await childRss([config.rssValidateBundle, config.largeFile, config.largeUnit.name], {});

    // 5. Scale: new units upload to the same departments of both stacks, alternately.
    log(`scale: publishing ${config.populations.large} units directly`);
    const populateLargeMs = await large.populate(config.populations.large);
    const uploaders = Array.from({ length: runs.warmup + runs.scaleUploads }, (_, j) => {
      const department = departmentOf(1_000_003 + j);
      return (stackLabel: string): RegisteredUnit => ({
        code: `M${stackLabel}${String(j).padStart(3, '0')}`,
        name: `${department}新单位${stackLabel}${j}`,
        department,
        // The seed workbook is uploaded for every new unit; its header names the seed's unit.
        aliases: [config.seedUnit.name],
      });
    });
    const pairs = uploaders.map((u) => ({ small: u('A'), large: u('B') }));
    for (const pair of pairs) {
      for (const [b, unit] of [
        [small, pair.small],
        [large, pair.large],
      ] as const) {
        await b.registry.put(unit);
        await b.putUpload(`uploads/${unit.code}/${year}/决算公开.xlsx`, seedBytes);
      }
    }
    await small.stack.idle();
    await large.stack.idle();
    log(`scale: ${pairs.length} uploads to each stack, alternating`);
    const bare: number[] = [];
    const times = { small: [] as number[], large: [] as number[] };
    const io = { small: [] as IoCounts[], large: [] as IoCounts[] };
    const rcu = { small: [] as number[], large: [] as number[] };
    const uploads: ScaleResult['uploads'] = [];
    const joined = { small: new Map<string, number>(), large: new Map<string, number>() };
    for (const [j, pair] of pairs.entries()) {
      let t = nowMs();
      await bareLoad(seedBytes);
      const b = nowMs() - t;
      const ms = { small: 0, large: 0 };
      // Alternate which stack goes first, so neither always follows the bare load.
      const order = j % 2 === 0 ? (['small', 'large'] as const) : (['large', 'small'] as const);
      for (const which of order) {
        const target = which === 'small' ? small : large;
        const unit = pair[which];
        // The index rebuilds the previous upload queued run in the stack's background: let them finish, so the timed
        // upload measures the upload path alone (rebuilds are their own work, measured below).
        await target.stack.idle();
        target.counter.take();
        target.meter.take();
        target.reads.take();
        t = nowMs();
        const outcome = await ingestUpload(event(`uploads/${unit.code}/${year}/决算公开.xlsx`), target.deps);
        ms[which] = nowMs() - t;
        published(outcome, unit.code);
        const counts = IoCounter.withWire(target.counter.take(), target.meter.take());
        const readUnits = target.reads.take().units;
        const dep = unit.department ?? '';
        joined[which].set(dep, (joined[which].get(dep) ?? 0) + 1);
        if (j >= runs.warmup) {
          times[which].push(ms[which]);
          io[which].push(counts);
          rcu[which].push(readUnits);
        }
      }
      if (j < runs.warmup) continue;
      bare.push(b);
      const dep = pair.small.department ?? '';
      uploads.push({
        department: dep,
        unitsSmall: countIn(config.populations.small, dep) + (joined.small.get(dep) ?? 0),
        unitsLarge: countIn(config.populations.large, dep) + (joined.large.get(dep) ?? 0),
        msSmall: ms.small,
        msLarge: ms.large,
      });
    }
    const phase = (which: 'small' | 'large', populateMs: number): ScalePhase => {
      const list = io[which];
      const distinct = (f: (c: IoCounts) => number) => [...new Set(list.map(f))].sort((a, b) => a - b);
      return {
        units: config.populations[which],
        departments: departmentSizes(config.populations[which]).length,
        ingest: summarize(times[which]),
        dynamoWrites: distinct((c) => c.dynamoWrites),
        s3Writes: distinct((c) => c.s3Writes),
        dynamoItemsRead: distinct((c) => c.dynamoItemsRead),
        readCapacityUnits: rcu[which],
        io: list[list.length - 1] as IoCounts,
        populateMs,
      };
    };

    // 6. Index rebuild: one department of 5,000 units on the 10,000-unit stack, every page (10 of 500) rebuilt.
    await large.stack.idle();
    log('index: a department of 5,000 units, rebuilt');
    await large.populateDepartment(year, BENCH_DEPARTMENT_5K, 5_000);
    const rebuildTimes: number[] = [];
    for (let r = 0; r < (runs.scaleUploads > 5 ? 5 : 2); r++) {
      const t0 = nowMs();
      const rebuilt = await rebuildDepartment(large.rebuild, year, BENCH_DEPARTMENT_5K);
      rebuildTimes.push(nowMs() - t0);
      if (rebuilt.status !== 'rebuilt' || rebuilt.units !== 5_000) throw new Error('the 5,000-unit rebuild failed');
    }

    const result: MeasureResult = {
      validation: { seed: validationSeed, large: validationLarge },
      sandbox: { seed: sandboxSeed, large: sandboxLarge },
      ingest: { seed: ingestSeed, large: ingestLarge },
      scale: {
        small: phase('small', populateSmallMs),
        large: phase('large', populateLargeMs),
        bare: summarize(bare),
        pairedRatio: pairedRatio(times.large, times.small),
        uploads,
        indexRebuild5k: summarize(rebuildTimes),
        departmentsLarge: departmentSizes(config.populations.large).length,
      },
      memory: { validateLarge: validateRss, ingestLarge: ingestRss },
    };
    await writeFile(join(config.workDir, 'results.json'), JSON.stringify(result, null, 2));
  } finally {
    await small.stack.close();
    await large.stack.close();
  }
}

/** Units of a department among the first `n` populated units. */
function countIn(n: number, department: string): number {
  let count = 0;
  for (let i = 0; i < n; i++) if (departmentOf(i) === department) count++;
  return count;
}

interface BenchStack {
  stack: EmbeddedStack;
  /** The ingest dependencies, counted and timed. */
  deps: IngestDeps;
  counter: IoCounter;
  meter: ItemSizeMeter;
  /** Read capacity units of the counted ports' reads. */
  reads: ReadCapacityMeter;
  /** The index rebuild function's dependencies on this stack's clients. */
  rebuild: RebuildDeps;
  /** Lists `units` more units in one department-year (catalog entries only). */
  populateDepartment(year: number, department: string, units: number): Promise<void>;
  registry: DynamoUnitRegistry;
  putUpload(key: string, body: Uint8Array): Promise<void>;
  /** Publishes units directly until `units` are published; returns the milliseconds it took. */
  populate(units: number): Promise<number>;
}

/**
 * An embedded stack whose own event path is switched off (uploads look deleted to it), so the only ingests are the
 * timed ones, called directly. Its ports are the AWS adapters of awsIngestDeps on SDK clients given the stack's
 * endpoints explicitly: the SDK reads AWS_ENDPOINT_URL_* on every request, so with two stacks in one process the
 * environment cannot tell them apart.
 */
async function benchStack(dataDir: string, year: number): Promise<BenchStack> {
  await mkdir(dataDir, { recursive: true });
  const stack = await startEmbeddedStack({
    dataDir,
    customizeDeps: (deps) => ({ ...deps, uploads: { fetch: async () => ({ kind: 'gone' }) as const } }),
  });
  const s3 = new S3Client({
    endpoint: stack.s3Endpoint,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const dynamo = new DynamoDBClient({ endpoint: stack.dynamoEndpoint });
  const meter = new ItemSizeMeter();
  meter.attach(dynamo);
  const reads = new ReadCapacityMeter();
  reads.attach(dynamo);
  const doc: DynamoDBDocumentClient = documentClient(dynamo);
  const registry = new DynamoUnitRegistry(stack.tableName, doc);
  const counter = new IoCounter();
  const deps = counter.deps({
    ...stack.deps,
    // Issue 13's refresh of the finance bureau's status report after each upload rewrites the whole year's report
    // (O(units of the year) per upload, through its own unmetered client): left out, so these figures are the
    // publication path's. It is the one per-upload cost that still grows with the population (docs/capacity.md).
    afterUpload: undefined,
    uploads: new S3UploadSource(stack.uploadBucket, s3),
    reports: new S3ReportSink(stack.uploadBucket, s3),
    site: new S3SiteWriter(stack.siteBucket, s3),
    registry,
    store: new DynamoDisclosureStore(stack.tableName, doc),
  });
  let populated = 0;
  return {
    stack,
    deps,
    counter,
    meter,
    reads,
    registry,
    // Its own clients (not the metered ones): a rebuild is not part of an upload's cost.
    rebuild: {
      store: new DynamoDisclosureStore(
        stack.tableName,
        documentClient(new DynamoDBClient({ endpoint: stack.dynamoEndpoint })),
      ),
      site: new S3SiteWriter(stack.siteBucket, s3),
      renderer: siteRenderer,
    },
    populateDepartment: (y, department, units) =>
      populateDepartment(
        { doc, tableName: stack.tableName, s3Directory: join(dataDir, 's3'), siteBucket: stack.siteBucket, year: y },
        department,
        units,
      ),
    putUpload: async (key, body) => {
      await s3.send(new PutObjectCommand({ Bucket: stack.uploadBucket, Key: key, Body: body }));
    },
    populate: async (units) => {
      const t = nowMs();
      await populate(
        { doc, tableName: stack.tableName, s3Directory: join(dataDir, 's3'), siteBucket: stack.siteBucket, year },
        populated,
        units,
      );
      populated = units;
      return nowMs() - t;
    },
  };
}

/** Runs `node <args>` with the stack's environment and reads the result line it prints. */
function childRss(args: string[], env: Record<string, string>): Promise<RssResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (!line) {
        reject(new Error(`child exited ${code} without a result: ${err.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARK.length)) as RssResult);
    });
  });
}

// CommonJS bundle: no top-level await. The sandbox's worker thread loads this bundle as its entry
// (shared/sandbox/workbook-sandbox.ts): only the main thread measures.
const [configPath] = process.argv.slice(2);
const run = isMainThread && configPath ? main(configPath) : null;
if (!isMainThread) {
  // the worker serves validations
} else if (run === null) {
  console.error('usage: node measure.cjs <config.json>');
  process.exitCode = 2;
} else {
  // Exit explicitly: idle keep-alive sockets of the SDK clients must not keep the process alive.
  run.then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
