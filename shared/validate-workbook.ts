import type { Expectation } from './rules/engine.ts';
import { type ValidationReport, validateRead } from './rules/validate.ts';
import { type ReadResult, readWorkbook } from './workbook/read-workbook.ts';

/**
 * Upload → validate, the first half of the flow: the bytes of a workbook in, a report out. Used by the CLI and by
 * the ingest use case. Never throws for bad input.
 */
export async function validateWorkbook(
  bytes: Uint8Array,
  expect: Expectation = {},
): Promise<{ report: ValidationReport; read: ReadResult }> {
  const read = await readWorkbook(bytes);
  return { report: validateRead(read, expect), read };
}
