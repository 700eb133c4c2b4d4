import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { INGEST_BUNDLING, INGEST_ENTRY } from '../../infra/constructs/ingest-function.ts';

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
