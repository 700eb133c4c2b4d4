import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runTemplate } from '../../cli/commands/template.ts';
import { runValidate } from '../../cli/commands/validate.ts';

/** The repository root (the CLI's working directory in tests). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI in a child process, as a user would (`node node_modules/tsx/dist/cli.mjs cli/main.ts …`), so exit
 * codes and the exact stdout are tested, not a function's return value.
 */
export function runCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'cli/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, GONGKAI_DEBUG: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** stdout as exactly one JSON object on one line; throws otherwise. */
export function singleJson(stdout: string): unknown {
  const lines = stdout.split('\n');
  if (lines.length !== 2 || lines[1] !== '') throw new Error(`expected one line of JSON, got:\n${stdout}`);
  const value: unknown = JSON.parse(lines[0] ?? '');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
  return value;
}

/** A Node stack trace or an uncaught error leaking to the user. */
export const STACK_TRACE = /\n\s+at |Error:|内部错误/;

/**
 * Runs a CLI command in this process with stdout/stderr captured: the same code path as {@link runCli} minus the
 * process start, for the many argument cases. Not safe to run concurrently with other output.
 */
export async function runInProcess(args: readonly string[]): Promise<CliRun> {
  const [name, ...rest] = args;
  const command = name === 'validate' ? runValidate : name === 'template' ? runTemplate : null;
  if (command === null) throw new Error(`unknown command ${name}`);
  const out: string[] = [];
  const err: string[] = [];
  const writeOut = process.stdout.write;
  const writeErr = process.stderr.write;
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const code = await command(rest);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
  }
}
