import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { INGEST_BUNDLING, INGEST_ENTRY } from '../infra/constructs/ingest-function.ts';
import { type Sample, summarize } from './stats.ts';

/**
 * The ingest Lambda's bundle, built with the esbuild options NodejsFunction derives from INGEST_BUNDLING (as
 * test/infra/bundling.test.ts does), and what it costs to load.
 */
export const LAMBDA_BUILD: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: INGEST_BUNDLING.format,
  target: INGEST_BUNDLING.target,
  minify: INGEST_BUNDLING.minify,
  sourcemap: INGEST_BUNDLING.sourceMap,
  sourcesContent: INGEST_BUNDLING.sourcesContent,
  external: INGEST_BUNDLING.externalModules,
  define: INGEST_BUNDLING.define,
  inject: INGEST_BUNDLING.inject,
  logLevel: 'warning',
};

export interface BundleReport {
  file: string;
  bytes: number;
  sourceMapBytes: number;
  /** Largest inputs by bytes in the output. */
  topInputs: { input: string; bytes: number; share: number }[];
  /** Bytes in the output by npm package (or `shared/…` folder for our code). */
  byPackage: { name: string; bytes: number; share: number }[];
  /** Modules the bundle requires at run time (provided by the Lambda runtime). */
  externals: string[];
}

function packageOf(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (m?.[1]) return m[1];
  const own = /^(shared\/[^/]+|functions\/[^/]+|infra\/[^/]+)/.exec(input);
  return own?.[1] ?? input;
}

export function describeBundle(file: string, metafile: Metafile, outputKey: string): BundleReport {
  const output = metafile.outputs[outputKey];
  if (!output) throw new Error(`metafile has no output ${outputKey}`);
  const inputs = Object.entries(output.inputs).map(([input, { bytesInOutput }]) => ({ input, bytes: bytesInOutput }));
  const total = statSync(file).size;
  const packages = new Map<string, number>();
  for (const i of inputs) packages.set(packageOf(i.input), (packages.get(packageOf(i.input)) ?? 0) + i.bytes);
  const externals = new Set<string>();
  for (const i of output.imports) if (i.external) externals.add(i.path);
  let sourceMapBytes = 0;
  try {
    sourceMapBytes = statSync(`${file}.map`).size;
  } catch {
    sourceMapBytes = 0;
  }
  return {
    file,
    bytes: total,
    sourceMapBytes,
    topInputs: inputs
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 12)
      .map((i) => ({ ...i, share: i.bytes / total })),
    byPackage: [...packages.entries()]
      .map(([name, bytes]) => ({ name, bytes, share: bytes / total }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 12),
    externals: [...externals].filter((e) => !e.startsWith('node:') && !builtinModules.includes(e)).sort(),
  };
}

/** Bundles an entry with the Lambda's options (plus extra externals) and reports what is in it. */
export async function bundle(entry: string, outfile: string, extraExternal: string[] = []): Promise<BundleReport> {
  const result = await build({
    ...LAMBDA_BUILD,
    external: [...(LAMBDA_BUILD.external ?? []), ...extraExternal],
    entryPoints: [entry],
    outfile,
    metafile: true,
  });
  if (result.errors.length > 0) throw new Error(`esbuild failed for ${entry}`);
  const key = Object.keys(result.metafile.outputs).find((k) => k.endsWith('.js') || k.endsWith('.cjs'));
  if (!key) throw new Error('esbuild produced no JavaScript output');
  return describeBundle(outfile, result.metafile, key);
}

export function bundleHandler(outfile: string): Promise<BundleReport> {
  return bundle(INGEST_ENTRY, outfile);
}

export interface ImportCase {
  /** Absolute paths to `require`, in order. */
  modules: string[];
  /** Node options, e.g. `--enable-source-maps` as the Lambda sets in NODE_OPTIONS. */
  flags?: string[];
}

/**
 * Milliseconds a fresh `node` takes to `require` each case's modules (timed inside the process, and the whole
 * process from spawn to exit), alternating between the cases so machine noise hits all of them alike.
 */
export function importTimes(
  cases: Record<string, ImportCase>,
  runs: number,
  cwd: string,
): Record<string, Sample & { processMs: Sample }> {
  const times: Record<string, number[]> = {};
  const wall: Record<string, number[]> = {};
  for (let i = 0; i < runs + 1; i++) {
    for (const [name, { modules, flags = [] }] of Object.entries(cases)) {
      const script = `const t = process.hrtime.bigint(); ${modules.map((m) => `require(${JSON.stringify(m)});`).join(' ')} process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));`;
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [...flags, '-e', script], {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, NODE_OPTIONS: '' },
      });
      const processMs = Number(process.hrtime.bigint() - start) / 1e6;
      if (r.status !== 0) throw new Error(`importing ${modules.join(', ')} failed: ${r.stderr}`);
      // The first round warms the OS file cache (Lambda reads its package from local disk too); it is not counted.
      if (i === 0) continue;
      times[name] = [...(times[name] ?? []), Number(r.stdout)];
      wall[name] = [...(wall[name] ?? []), processMs];
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, t]) => [name, { ...summarize(t), processMs: summarize(wall[name] ?? []) }]),
  );
}
