import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { INGEST_BUNDLING, INGEST_ENTRY } from '../../infra/constructs/ingest-function.ts';
import type { WorkbookSandbox } from '../../shared/sandbox/workbook-sandbox.ts';
import { SEED_UNIT, SEED_YEAR, seedBytes } from '../helpers/seed.ts';

/** The esbuild options NodejsFunction derives from INGEST_BUNDLING (cdk synth runs the real thing). */
const options: BuildOptions = {
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
  logLevel: 'silent',
};

describe('ingest function bundle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bundle-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles functions/ingest/handler.ts to one CommonJS file without errors', async () => {
    const outfile = join(dir, 'ingest', 'index.js');
    const result = await build({ ...options, entryPoints: [INGEST_ENTRY], outfile });
    expect(result.errors).toEqual([]);
    expect(result.warnings.filter((w) => w.text.includes('import.meta'))).toEqual([]);
    expect(statSync(outfile).size).toBeGreaterThan(0);
    expect(existsSync(`${outfile}.map`)).toBe(true);
  });

  it('carries the validation worker: the bundle is its own worker entry and validates the seed in a worker thread', async () => {
    // The handler bundle holds the sandbox (its worker entry is the bundle file itself, found by a marker).
    expect(readFileSync(join(dir, 'ingest', 'index.js'), 'utf8')).toContain('gongkai-workbook-sandbox');
    // A bundle of the sandbox alone, built the same way, run as Lambda runs the handler bundle: plain node, no tsx.
    const outfile = join(dir, 'sandbox', 'index.js');
    await build({
      ...options,
      stdin: {
        contents: "export { WorkbookSandbox } from './shared/sandbox/workbook-sandbox.ts';",
        loader: 'ts',
        resolveDir: process.cwd(),
      },
      outfile,
    });
    const bundle = createRequire(import.meta.url)(outfile) as { WorkbookSandbox: typeof WorkbookSandbox };
    const sandbox = new bundle.WorkbookSandbox({ heapMb: 256, deadlineMs: 30_000 });
    try {
      const { report, read } = await sandbox.validate(await seedBytes(), { unitName: SEED_UNIT, year: SEED_YEAR });
      expect(report.status).toBe('accepted');
      expect(read.status === 'read' && read.disclosure.tables.T1?.rows.length).toBeGreaterThan(0);
      expect(sandbox.started).toBe(1);
    } finally {
      await sandbox.close();
    }
  }, 60_000);

  it('gives ESM sources a working import.meta.url in the CommonJS bundle', async () => {
    const outfile = join(dir, 'meta', 'index.js');
    await build({
      ...options,
      stdin: { contents: 'export const url = () => import.meta.url;', loader: 'ts', resolveDir: process.cwd() },
      outfile,
    });
    const bundle = createRequire(import.meta.url)(outfile) as { url: () => string };
    expect(bundle.url()).toBe(pathToFileURL(outfile).href);
  });
});
