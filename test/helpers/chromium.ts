import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Browser, chromium as playwright } from 'playwright-core';

/**
 * A Chromium for the browser tests on any machine with Node (STACK.md "Browser tests"), in this order:
 * 1. `GONGKAI_CHROMIUM=/path/to/chromium` (any Chromium or Chrome binary);
 * 2. `/usr/bin/chromium` when the system has one;
 * 3. the Chromium inside the npm package `@sparticuz/chromium` (a devDependency, so `npm ci` brings it), unpacked once
 *    into the temp folder. `GONGKAI_CHROMIUM=bundled` forces this one even when the system has a Chromium.
 * Every source reads fonts through fontconfig from a folder of ours whose fonts.conf lists the Noto Sans Hans OTF files
 * of `@embedpdf/fonts-sc`, so Chinese renders as text, never as boxes, whatever fonts the machine has.
 */

export interface LaunchedChromium {
  browser: Browser;
  /** Which Chromium: `GONGKAI_CHROMIUM`, `system` or `@sparticuz/chromium`, and its path. */
  source: string;
}

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Flags that keep a test browser from calling home (STACK.md). */
const QUIET = [
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SYSTEM_ARGS = ['--no-sandbox', '--disable-gpu', ...QUIET];

/**
 * The serverless package's recommended flags, except the two that switch security off (the tests watch the site's
 * security headers: a blocked inline script or foreign resource must show up as a console error) and
 * `--single-process`, a Lambda memory saving with which the browser exits when a test closes its first page.
 */
const DROPPED = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);

const requireHere = createRequire(import.meta.url);

/** The folder holding the OTF files of @embedpdf/fonts-sc (its entry point is dist/index.cjs). */
function cjkFontFolder(): string {
  const folder = join(dirname(requireHere.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  if (!existsSync(join(folder, 'NotoSansHans-Regular.otf'))) {
    throw new Error(`No CJK font in ${folder}: run npm ci (the browser tests need @embedpdf/fonts-sc).`);
  }
  return folder;
}

/**
 * Writes `<tmp>/gongkai-fontconfig/fonts.conf` listing the CJK font folder, with its own cache; a cache written for
 * another fonts.conf (another checkout, another font folder) is deleted, so fontconfig never serves stale entries.
 */
function fontconfigFolder(): string {
  const folder = join(tmpdir(), 'gongkai-fontconfig');
  const cache = join(folder, 'fonts-cache');
  const conf = join(folder, 'fonts.conf');
  const text = [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${cjkFontFolder()}</dir>`,
    `  <cachedir>${cache}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
  mkdirSync(folder, { recursive: true });
  if (!existsSync(conf) || readFileSync(conf, 'utf8') !== text) {
    rmSync(cache, { recursive: true, force: true });
    writeFileSync(conf, text);
  }
  return folder;
}

/**
 * Serializes the unpacking across test files running in parallel processes (a directory is created atomically).
 * A lock older than two minutes is a crashed run's and is taken over.
 */
async function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const lock = join(tmpdir(), `${name}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      else await sleep(200);
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The Chromium of @sparticuz/chromium. Its executablePath() unpacks to `<tmp>/chromium` (plus `<tmp>/fonts`, the
 * SwiftShader libraries) and returns early whenever `<tmp>/chromium` exists — even half-written by a killed run or a
 * parallel process. So the unpacking runs under a lock and is certified by a marker naming the package version; without
 * the marker the binary is unpacked again.
 */
async function bundledChromium(): Promise<string> {
  const packageJson = join(dirname(requireHere.resolve('@sparticuz/chromium')), '..', 'package.json');
  const pkg = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const { default: serverless } = await import('@sparticuz/chromium');
  const binary = join(tmpdir(), 'chromium');
  const marker = join(tmpdir(), 'chromium.gongkai-unpacked');
  return withLock('gongkai-chromium', async () => {
    const certified = existsSync(marker) && readFileSync(marker, 'utf8') === pkg.version && existsSync(binary);
    if (!certified) {
      rmSync(binary, { force: true });
      rmSync(marker, { force: true });
    }
    const path = await serverless.executablePath();
    if (!certified) writeFileSync(marker, pkg.version);
    return path;
  });
}

/** The bundled package's flags, safe for the tests, plus the quiet ones. */
async function bundledArgs(): Promise<string[]> {
  const { default: serverless } = await import('@sparticuz/chromium');
  return [...serverless.args.filter((a) => !DROPPED.has(a)), ...QUIET];
}

async function resolveChromium(): Promise<{ executablePath: string; args: string[]; source: string }> {
  const configured = process.env.GONGKAI_CHROMIUM;
  if (configured && configured !== 'bundled') {
    if (!existsSync(configured)) throw new Error(`GONGKAI_CHROMIUM=${configured}: no such file.`);
    return { executablePath: configured, args: SYSTEM_ARGS, source: `GONGKAI_CHROMIUM ${configured}` };
  }
  if (configured !== 'bundled' && existsSync(SYSTEM_CHROMIUM)) {
    return { executablePath: SYSTEM_CHROMIUM, args: SYSTEM_ARGS, source: `system ${SYSTEM_CHROMIUM}` };
  }
  const executablePath = await bundledChromium();
  return { executablePath, args: await bundledArgs(), source: `@sparticuz/chromium ${executablePath}` };
}

/** Launches the Chromium chosen above with the CJK fonts; the caller closes `browser`. */
export async function launchChromium(): Promise<LaunchedChromium> {
  const { executablePath, args, source } = await resolveChromium();
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  env.FONTCONFIG_PATH = await withLock('gongkai-fontconfig', async () => fontconfigFolder());
  delete env.FONTCONFIG_FILE;
  const browser = await playwright.launch({ executablePath, args, env });
  console.info(`browser tests: Chromium ${browser.version()} from ${source}`);
  return { browser, source };
}
