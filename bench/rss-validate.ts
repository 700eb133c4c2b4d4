import { readFile } from 'node:fs/promises';
import { isMainThread } from 'node:worker_threads';
import { validateWorkbookSandboxed } from '../shared/sandbox/workbook-sandbox.ts';

/**
 * Peak RSS of validating one workbook in a fresh process that holds only the validator (bundled by bench/run.ts
 * with the Lambda's options). Usage: `node rss-validate.cjs <file.xlsx> <unit name>`; prints one result line.
 */
/** The line prefix bench/measure.ts looks for. */
const RESULT_MARK = 'BENCH_RESULT ';

async function main(file: string, unitName: string): Promise<void> {
  const afterImport = process.memoryUsage().rss;
  // As the pipeline validates: in the sandbox's worker, whose memory is part of this process's RSS.
  const { report } = await validateWorkbookSandboxed(await readFile(file), { unitName });
  const result = {
    ok: true,
    outcome: report.status,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssAfterImportMb: afterImport / 1048576,
    heapUsedMb: process.memoryUsage().heapUsed / 1048576,
  };
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
}

// The sandbox's worker loads this bundle too (workbook-sandbox.ts): only the main thread runs the measurement.
const [file, unitName] = process.argv.slice(2);
if (!isMainThread) {
  // the worker serves validations
} else if (file && unitName) {
  main(file, unitName).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  console.error('usage: node rss-validate.cjs <file.xlsx> <unit name>');
  process.exitCode = 2;
}
