import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';

/**
 * Bundles the upload page's script (browser/upload-app.ts) for the browser: the same reader, rules and template
 * writer as the function and the CLI, with exceljs's browser build. Two substitutions, both explained where they
 * live: the package inspection (Node zlib/yauzl) becomes browser/inspect-package-browser.ts, and the two
 * `Buffer.from` calls on this path get a Uint8Array view (browser/buffer-shim.ts). Used by the CDK app (the page is
 * deployed to the site bucket), the embedded stack, the tests and the benchmark.
 */
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export const UPLOAD_APP_ENTRY = here('./browser/upload-app.ts');
const BROWSER_INSPECTION = here('./browser/inspect-package-browser.ts');

const browserInspection: Plugin = {
  name: 'browser-package-inspection',
  setup(b) {
    b.onResolve({ filter: /\/inspect-package\.ts$/ }, () => ({ path: BROWSER_INSPECTION }));
  },
};

export const UPLOAD_APP_BUILD: BuildOptions = {
  entryPoints: [UPLOAD_APP_ENTRY],
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: ['chrome109', 'firefox115', 'safari15.4', 'edge109'],
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  inject: [here('./browser/buffer-shim.ts')],
  plugins: [browserInspection],
  write: false,
  logLevel: 'warning',
};

let cached: Promise<string> | undefined;

/** The bundled script (minified JavaScript), built once per process. */
export function buildUploadApp(): Promise<string> {
  cached ??= build(UPLOAD_APP_BUILD).then((result) => {
    const file = result.outputFiles?.[0];
    if (!file) throw new Error('esbuild produced no output for the upload page');
    return file.text;
  });
  return cached;
}

let cachedSync: string | undefined;

/**
 * The same bundle for synchronous callers (CDK constructs: the CDK app deploys it with the page). esbuild's
 * buildSync takes no plugins, so the build runs in a child Node process (build-bundle-cli.ts) and this waits for it.
 */
export function buildUploadAppSync(): string {
  if (cachedSync !== undefined) return cachedSync;
  const result = spawnSync(process.execPath, ['--import', 'tsx', here('./build-bundle-cli.ts')], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`building the upload page failed: ${result.stderr}`);
  cachedSync = result.stdout;
  return cachedSync;
}
