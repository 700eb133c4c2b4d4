import type { S3Event } from '../../functions/ingest/s3-event.ts';
import type { IngestDeps, Validate } from '../../shared/ingest/ingest-upload.ts';
import { encodeEventKey } from '../../shared/ingest/upload-key.ts';
import type { CurrentPointer } from '../../shared/ports.ts';
import { validateWorkbookSandboxed } from '../../shared/sandbox/workbook-sandbox.ts';
import type { SiteRenderer } from '../../shared/site/site-model.ts';
import { MemoryRegistry, MemoryReports, MemorySite, MemoryStore, MemoryUploads } from '../../shared/storage/memory.ts';

/**
 * The ingest use case over the in-memory fakes, driven by S3-shaped events (keys URL-encoded as real S3 sends them),
 * with the validator wrapped so a test can see what it returned and whether it threw — the use case turns a throw
 * into an F-01 report, which would otherwise hide a reader bug.
 */
export const UNIT = {
  code: '101017',
  name: '武汉市财政局信息中心',
  department: '武汉市财政局',
  aliases: [] as string[],
};

export interface MemoryEnv {
  uploads: MemoryUploads;
  store: MemoryStore;
  site: MemorySite;
  reports: MemoryReports;
  registry: MemoryRegistry;
  deps: IngestDeps;
  /** Paths of every `site.write` call, in order (one publication writes its files in one call). */
  siteWrites: string[][];
  /** Results of validator calls, in order (`thrown` set when it threw). */
  validations: { result: Awaited<ReturnType<Validate>> | null; thrown: unknown }[];
  /** Puts the object and returns the S3 event real S3 would send for it. */
  upload(key: string, bytes: Uint8Array): S3Event;
}

let clock = Date.parse('2024-10-12T08:00:00Z');

export async function memoryEnv(renderer: SiteRenderer, maxUploadBytes = 10 * 1024 * 1024): Promise<MemoryEnv> {
  const uploads = new MemoryUploads();
  const store = new MemoryStore();
  const site = new MemorySite();
  const reports = new MemoryReports();
  const registry = new MemoryRegistry();
  await registry.put(UNIT);
  const validations: MemoryEnv['validations'] = [];
  const siteWrites: string[][] = [];
  const validate: Validate = async (bytes, expect) => {
    try {
      // The production path: in the sandbox's worker thread (the result crosses the thread boundary).
      const result = await validateWorkbookSandboxed(bytes, expect);
      validations.push({ result, thrown: null });
      return result;
    } catch (thrown) {
      validations.push({ result: null, thrown });
      throw thrown;
    }
  };
  const deps: IngestDeps = {
    uploads,
    reports,
    site: {
      write: async (files) => {
        siteWrites.push(files.map((f) => f.path));
        await site.write(files);
      },
    },
    registry,
    store,
    renderer,
    validate,
    siteBaseUrl: 'https://gongkai.example',
    maxUploadBytes,
  };
  return {
    uploads,
    store,
    site,
    reports,
    registry,
    deps,
    siteWrites,
    validations,
    upload(key, bytes) {
      uploads.put(key, bytes);
      clock += 1000;
      const object = uploads.objects.get(key);
      return {
        Records: [
          {
            eventName: 'ObjectCreated:Put',
            eventTime: new Date(clock).toISOString(),
            s3: {
              bucket: { name: 'gongkai-uploads' },
              object: {
                key: encodeEventKey(key),
                size: bytes.length,
                ...(object?.etag ? { eTag: object.etag } : {}),
                sequencer: clock.toString(16).toUpperCase().padStart(16, '0'),
              },
            },
          },
        ],
      };
    },
  };
}

/** What readers can see: the pointer and every site file's body. */
export interface Visible {
  pointer: CurrentPointer | null;
  files: Map<string, string>;
}

export async function visible(env: MemoryEnv, code = UNIT.code, year = 2023): Promise<Visible> {
  const files = new Map<string, string>();
  for (const path of env.site.files.keys()) files.set(path, env.site.text(path) ?? '');
  return { pointer: await env.store.getCurrent(code, year), files };
}

/** Every string inside a value (to find where a payload ended up). */
export function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

/** Contains a CJK ideograph (reports are written for Chinese accountants). */
export const CJK = /[\u3400-\u9fff]/;
