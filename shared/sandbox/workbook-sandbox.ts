import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { loadSandboxLimits, type SandboxLimits } from '../config.ts';
import { finding } from '../disclosure/finding.ts';
import { summarize } from '../rules/validate.ts';
import type { ValidationOptions } from '../validate-workbook.ts';
import { fromWire, type SandboxedValidation, toWire } from './wire.ts';

export type { SandboxedValidation } from './wire.ts';

/**
 * Loading and validating an untrusted workbook in a worker thread with a heap limit and a wall-clock deadline.
 * The package inspection refuses the bombs it knows; this is the layer for the ones nobody has thought of yet: a
 * workbook that needs more memory than the worker may take ends the worker (ERR_WORKER_OUT_OF_MEMORY), not the
 * process; one that runs past the deadline is terminated (V8 interrupts even a backtracking regular expression).
 * Either way the unit gets an F-01 report and the next upload is served by a fresh worker.
 *
 * The worker is kept warm between uploads (starting one costs ~0.2 s in the bundle and its code must be compiled
 * again), so an upload pays only for copying its bytes in and its result out.
 *
 * The worker's entry is this very module: under tsx (CLI, tests, `npm start`) a small bootstrap registers tsx in
 * the worker and imports this file; in the esbuild bundle of the Lambda, `import.meta.url` is the bundle file,
 * which the worker loads as a whole (its other top-level code must stay side-effect free in a worker thread: see
 * `isMainThread` in bench/). Either way the worker finds WORKER_MARK in its workerData and serves validations.
 */

const WORKER_MARK = 'gongkai-workbook-sandbox';

/** Why a run was stopped; the unit reads the Chinese message (rule F-01). */
export type LimitExceeded = 'memory' | 'deadline' | 'crash';

export function tooComplexMessage(why: LimitExceeded, limits: SandboxLimits): string {
  const detail =
    why === 'deadline'
      ? `读取超过 ${Math.round(limits.deadlineMs / 1000)} 秒仍未完成`
      : why === 'memory'
        ? `读取所需内存超过 ${limits.heapMb} MB`
        : '读取过程意外中止';
  return `工作簿过于复杂，无法在限定资源内读取（${detail}）。决算公开表通常在 1 秒内读完；请删除多余的工作表、合并单元格、格式和超长文字，用 Excel 或 WPS 另存为 .xlsx 后重新上传；如仍失败请联系管理员。`;
}

/** The F-01 result of a run that exceeded a limit: the same shape as an unreadable workbook's. */
export function limitExceededResult(
  why: LimitExceeded,
  limits: SandboxLimits,
  expect: ValidationOptions,
): SandboxedValidation {
  const findings = [finding({ rule: 'F-01', message: tooComplexMessage(why, limits) })];
  return {
    report: summarize(findings, null, expect.year ?? null, false),
    read: { status: 'unreadable', findings },
    supplement: null,
  };
}

// ── The worker side ──────────────────────────────────────────────────────────────────────────────────────────

type Request = { id: number; bytes: Uint8Array; expect: ValidationOptions };
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

async function serve(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  // Loaded here, not at the top: the main thread never needs exceljs or the rules.
  const { validateWorkbook } = await import('../validate-workbook.ts');
  port.on('message', (request: Request) => {
    validateWorkbook(request.bytes, request.expect).then(
      (result) => port.postMessage({ id: request.id, ok: true, result: toWire(result) } satisfies Reply),
      (error: unknown) =>
        port.postMessage({
          id: request.id,
          ok: false,
          error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
        } satisfies Reply),
    );
  });
  port.postMessage('ready');
}

if (!isMainThread && (workerData as Record<string, unknown> | null)?.[WORKER_MARK] === true) void serve();

// ── The main side ────────────────────────────────────────────────────────────────────────────────────────────

/** How long a new worker may take to load its code before that counts as a platform failure (not the workbook's). */
const STARTUP_TIMEOUT_MS = 60_000;

/** A worker could not be started: an infrastructure failure, thrown so the platform retries the event. */
export class SandboxUnavailable extends Error {
  override name = 'SandboxUnavailable';
}

/**
 * V8's heap growth factor, as a percentage over 1: 300 → the heap may grow to 4 × what survived the last full
 * collection before the next one, the most V8 gives a heap of 2 GB or more (measured: 100 left the large workbook
 * 1.2× slower in the worker, 300 ~1.12×, the copy in and out included). V8 flags are per process: the main thread
 * gets the same factor, within its own limit.
 */
const GROWTH_PERCENT = 300;
let growthSet = false;

function allowHeapGrowth(): void {
  if (growthSet) return;
  growthSet = true;
  // Read by V8 at every collection (MemoryController::GrowingFactor), so setting it now takes effect at once.
  v8.setFlagsFromString(`--heap-growing-percent=${GROWTH_PERCENT}`);
}

function spawnWorker(limits: SandboxLimits): Worker {
  const self = import.meta.url;
  // The heap limit is the hard memory bound. Its price: below 2 GB V8 grows a heap cautiously (by a factor of 1.3
  // at 256 MB, 4 at 2 GB) and so collects more often: ~+2.5 ms of GC per seed validation at 256 MB. The limit, not
  // the growth factor, is what bounds memory, so the worker is let grow like a large heap would (GROWTH_PERCENT).
  // The young generation is left to V8 (setting it did not help and adds RSS).
  allowHeapGrowth();
  const resourceLimits = { maxOldGenerationSizeMb: limits.heapMb, stackSizeMb: 4 };
  const data = { [WORKER_MARK]: true };
  if (self.endsWith('.ts')) {
    // Source mode (tsx, vitest): Node cannot load .ts by itself, and `--import tsx` in a worker's execArgv does not
    // apply to its entry; registering tsx's loader first, then importing this module, does.
    const tsx = pathToFileURL(
      createRequire(self)
        .resolve('tsx')
        .replace(/loader\.mjs$/, 'esm/api/index.mjs'),
    ).href;
    const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(self)}); })`;
    return new Worker(bootstrap, { eval: true, workerData: data, resourceLimits, execArgv: [] });
  }
  return new Worker(fileURLToPath(self), { workerData: data, resourceLimits });
}

interface Job {
  id: number;
  bytes: Uint8Array;
  expect: ValidationOptions;
  resolve: (v: SandboxedValidation) => void;
  reject: (e: unknown) => void;
}

/**
 * One warm worker, one validation at a time (validation is CPU-bound; the main thread meanwhile does the I/O of the
 * other uploads). The deadline runs from the moment a job reaches a ready worker, so queueing and start-up are not
 * charged to the workbook.
 */
export class WorkbookSandbox {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private nextId = 1;
  /** Workers started so far (tests and logs: a warm worker is reused). */
  started = 0;

  constructor(readonly limits: SandboxLimits = loadSandboxLimits()) {}

  validate(bytes: Uint8Array, expect: ValidationOptions = {}): Promise<SandboxedValidation> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, bytes, expect, resolve, reject });
      this.pump();
    });
  }

  /** Stops the worker (tests; a process that ends needs nothing: an idle worker does not keep it alive). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = null;
    if (worker) await worker.terminate();
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift() as Job;
    this.running = job;
    this.start().then(
      (worker) => this.dispatch(worker, job),
      (error: unknown) => {
        this.running = null;
        job.reject(error);
        this.pump();
      },
    );
  }

  private start(): Promise<Worker> {
    if (this.ready) return this.ready;
    const worker = spawnWorker(this.limits);
    this.started++;
    this.worker = worker;
    // A worker that dies while idle must not be handed the next upload.
    worker.once('exit', () => this.forget(worker));
    this.ready = new Promise<Worker>((resolve, reject) => {
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new SandboxUnavailable(`validation worker did not start within ${STARTUP_TIMEOUT_MS} ms`));
      }, STARTUP_TIMEOUT_MS);
      const onMessage = (m: unknown) => {
        if (m !== 'ready') return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        resolve(worker);
      };
      worker.on('message', onMessage);
      worker.once('error', (e) => {
        clearTimeout(timer);
        reject(new SandboxUnavailable(`validation worker failed to start: ${e.message}`));
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        reject(new SandboxUnavailable(`validation worker exited with code ${code} while starting`));
      });
    });
    // A failed start is forgotten, so the next upload tries again.
    this.ready.catch(() => this.forget(worker));
    return this.ready;
  }

  private forget(worker: Worker): void {
    if (this.worker === worker) {
      this.worker = null;
      this.ready = null;
    }
  }

  private dispatch(worker: Worker, job: Job): void {
    worker.ref();
    let settled = false;
    const finish = (outcome: { result: SandboxedValidation } | { error: unknown }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      this.running = null;
      if (this.queue.length === 0) worker.unref();
      if ('result' in outcome) job.resolve(outcome.result);
      else job.reject(outcome.error);
      this.pump();
    };
    const exceeded = (why: LimitExceeded) => {
      this.forget(worker);
      void worker.terminate();
      finish({ result: limitExceededResult(why, this.limits, job.expect) });
    };
    const onMessage = (reply: Reply) => {
      if (reply.id !== job.id) return;
      if (reply.ok) finish({ result: fromWire(reply.result) });
      else finish({ error: new Error(reply.error) });
    };
    const onError = (error: Error & { code?: string }) =>
      exceeded(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash');
    const onExit = () => exceeded('crash');
    const timer = setTimeout(() => exceeded('deadline'), this.limits.deadlineMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ id: job.id, bytes: job.bytes, expect: job.expect } satisfies Request);
  }
}

let shared: WorkbookSandbox | null = null;

/** The process's sandbox, with the limits from the environment (config.ts). */
export function defaultSandbox(): WorkbookSandbox {
  shared ??= new WorkbookSandbox();
  return shared;
}

/**
 * {@link validateWorkbook} in the sandbox: the same result (amounts rebuilt as exact decimals; the non-table sheets
 * are not returned), or an F-01 report when the workbook exceeds the sandbox's memory or time. Throws only when no
 * worker can be started at all (a platform failure, retried like any other).
 */
export function validateWorkbookSandboxed(
  bytes: Uint8Array,
  expect: ValidationOptions = {},
): Promise<SandboxedValidation> {
  return defaultSandbox().validate(bytes, expect);
}
