import { readFileSync } from 'node:fs';
import { handleS3Event } from '../../functions/ingest/handler.ts';
import { validateWorkbookSandboxed } from '../../shared/sandbox/workbook-sandbox.ts';
import { siteRenderer } from '../../shared/site/index.ts';
import { memoryEnv, UNIT } from './memory-env.ts';

/**
 * Child process of limits.test.ts: answers one file as `gongkai validate` does (the sandboxed validator) and as the
 * pipeline does (the S3 handler over in-memory ports, validating in the sandbox), and prints one JSON line with both
 * answers, their times and the process's peak resident memory (the worker's memory is part of it).
 * `node --import tsx test/hostile/answer-child.ts FILE`
 */
const [file] = process.argv.slice(2);
if (!file) throw new Error('usage: answer-child.ts FILE');
const bytes = readFileSync(file);
const peakMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

let started = performance.now();
const { report } = await validateWorkbookSandboxed(bytes, { unitName: UNIT.name, year: 2023 });
const validateMs = Math.round(performance.now() - started);

const env = await memoryEnv(siteRenderer);
started = performance.now();
const [outcome] = await handleS3Event(env.upload(`uploads/${UNIT.code}/2023/limit.xlsx`, bytes), env.deps);
const ingestMs = Math.round(performance.now() - started);
const submission = outcome?.uploadId ? await env.store.getSubmission(UNIT.code, 2023, outcome.uploadId) : null;
const stored = env.reports.reports.get(outcome?.reportPath ?? '');

process.stdout.write(
  `${JSON.stringify({
    validate: {
      status: report.status,
      rules: [...new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.rule))],
      messages: report.findings.slice(0, 3).map((f) => f.message),
      ms: validateMs,
    },
    ingest: {
      status: outcome?.status ?? null,
      rules: [...new Set((outcome?.report?.findings ?? []).filter((f) => f.severity === 'error').map((f) => f.rule))],
      submission: submission?.status ?? null,
      reportStored: stored !== undefined,
      ms: ingestMs,
    },
    peakRssMb: peakMb(),
  })}\n`,
);
// The sandbox's idle worker does not keep the process alive; exit promptly anyway.
process.exit(0);
