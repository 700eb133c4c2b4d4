import { readFileSync } from 'node:fs';
import { validateWorkbookSandboxed } from '../../shared/sandbox/workbook-sandbox.ts';

/**
 * Child process of memory.test.ts: validates one file and prints one JSON line with the peak resident set size.
 * `node --import tsx test/hostile/measure-rss.ts FILE ABORT_MB` — stops early (exit 3) once RSS passes ABORT_MB, so
 * a regression fails fast instead of swapping.
 */
const [file, abortArg] = process.argv.slice(2);
if (!file) throw new Error('usage: measure-rss.ts FILE [ABORT_MB]');
const abortMb = Number(abortArg ?? 4096);
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

const timer = setInterval(() => {
  if (process.memoryUsage.rss() / 1024 / 1024 > abortMb) {
    process.stdout.write(`${JSON.stringify({ aborted: true, peakRssMb: peakMb() })}\n`);
    process.exit(3);
  }
}, 10);

const bytes = readFileSync(file);
// Start the sandbox's worker first (an empty file is refused at once): the pipeline validates on a warm worker, and
// its start-up (~1 s under tsx) is not the workbook's time.
await validateWorkbookSandboxed(new Uint8Array(0));
const baselineMb = peakMb();
const started = performance.now();
// As the CLI and the pipeline validate: in the sandbox (its worker's memory is part of this process's RSS).
const { report } = await validateWorkbookSandboxed(bytes);
clearInterval(timer);
process.stdout.write(
  `${JSON.stringify({
    aborted: false,
    status: report.status,
    rules: [...new Set(report.findings.map((f) => f.rule))],
    messages: report.findings.slice(0, 3).map((f) => f.message),
    ms: Math.round(performance.now() - started),
    baselineMb,
    peakRssMb: peakMb(),
  })}\n`,
);
