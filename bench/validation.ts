import ExcelJS from 'exceljs';
import type { Expectation } from '../shared/rules/engine.ts';
import { validateWorkbookSandboxed } from '../shared/sandbox/workbook-sandbox.ts';
import { validateWorkbook } from '../shared/validate-workbook.ts';
import { measurePair, type Sample } from './stats.ts';

/** The yardstick every ratio is measured against: exceljs opening the same bytes and nothing else. */
export async function bareLoad(bytes: Uint8Array): Promise<void> {
  await new ExcelJS.Workbook().xlsx.load(bytes as never);
}

export interface ValidationResult {
  bare: Sample;
  validate: Sample;
  ratio: number;
  /** Median of the per-iteration ratios (validate ÷ the bare load run just before it). */
  pairedRatio: Sample;
  status: string;
  findings: { errors: number; warnings: number; notices: number };
}

/** Full read + validate as the pipeline runs it (in the sandbox's warm worker thread) against the bare exceljs load of the same bytes, interleaved. */
export async function benchValidation(
  bytes: Uint8Array,
  expect: Expectation,
  warmup: number,
  runs: number,
): Promise<ValidationResult> {
  const check = await validateWorkbookSandboxed(bytes, expect);
  if (check.report.status !== 'accepted') {
    throw new Error(`benchmark workbook is not accepted: ${JSON.stringify(check.report.summary)}`);
  }
  const [bare, validate, paired] = await measurePair(
    () => bareLoad(bytes),
    () => validateWorkbookSandboxed(bytes, expect),
    warmup,
    runs,
  );
  return {
    bare,
    validate,
    ratio: validate.median / bare.median,
    pairedRatio: paired,
    status: check.report.status,
    findings: check.report.summary,
  };
}

export interface SandboxResult {
  inThread: Sample;
  sandboxed: Sample;
  /** Median of the per-iteration ratios (sandboxed ÷ in-thread run just before it): the acceptance of issue #11. */
  pairedRatio: Sample;
}

/**
 * What the sandbox costs (issue #11): the same validation in this thread, as before the sandbox, against the
 * pipeline's way in the warm worker (its heap limit, the copy in and out), interleaved.
 */
export async function benchSandbox(
  bytes: Uint8Array,
  expect: Expectation,
  warmup: number,
  runs: number,
): Promise<SandboxResult> {
  const [inThread, sandboxed, pairedRatio] = await measurePair(
    () => validateWorkbook(bytes, expect),
    () => validateWorkbookSandboxed(bytes, expect),
    warmup,
    runs,
  );
  return { inThread, sandboxed, pairedRatio };
}
