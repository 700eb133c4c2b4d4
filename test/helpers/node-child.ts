import { spawn } from 'node:child_process';

/** How a child Node process ended, and the JSON it wrote last. */
export interface NodeChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** The last line of stdout parsed as JSON; undefined when that line is not JSON (the child died before writing it). */
  json: unknown;
}

/**
 * Runs `node <args>` in the current directory, killed after `timeoutMs`, for the tests that measure a run in its own
 * process (so an abort fails one case instead of the test runner). The child reports by writing one JSON line last.
 */
export function runNodeChild(args: readonly string[], timeoutMs: number): Promise<NodeChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: process.cwd(), timeout: timeoutMs });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      let json: unknown;
      try {
        json = JSON.parse(out.trim().split('\n').at(-1) ?? '');
      } catch {
        json = undefined;
      }
      resolve({ code, signal, stderr: err, json });
    });
  });
}
