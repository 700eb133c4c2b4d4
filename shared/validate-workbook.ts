import { readSupplement } from './check-supplement.ts';
import type { DisclosureKind } from './disclosure/model.ts';
import type { Expectation } from './rules/engine.ts';
import { checkDisclosure, summarize, type ValidationReport, validateRead } from './rules/validate.ts';
import type { Supplement } from './supplement/model.ts';
import { type ReadResult, readWorkbook } from './workbook/read-workbook.ts';

/** What the upload is checked against: the registered unit and year, and the kind the registry gives it. */
export interface ValidationOptions extends Expectation {
  /** The registry's 部门决算 / 单位决算 (wins over the titles'). */
  kind?: DisclosureKind | null;
}

/** The registry's kind wins; else what the titles say; else null (pages and checks then treat it as 单位决算). */
export function resolveKind(
  registered: DisclosureKind | null | undefined,
  fromTitles: DisclosureKind | null | undefined,
): DisclosureKind | null {
  return registered ?? fromTitles ?? null;
}

/**
 * Upload → validate, the first half of the flow: the bytes of a workbook in, a report out. Used by the CLI and by
 * the ingest use case. Never throws for bad input. The supplementary sheets (单位概况, 补充信息, 重点工作, 绩效自评)
 * are read from the sheets that are not one of the nine tables; their findings are warnings only, so they never
 * change whether a workbook is accepted.
 */
export async function validateWorkbook(
  bytes: Uint8Array,
  expect: ValidationOptions = {},
): Promise<{ report: ValidationReport; read: ReadResult; supplement: Supplement | null }> {
  const read = await readWorkbook(bytes);
  if (read.status !== 'read') return { report: validateRead(read, expect), read, supplement: null };
  read.disclosure.kind = resolveKind(expect.kind, read.disclosure.kind);
  const { supplement, findings } = readSupplement(read.otherSheets, read.disclosure);
  // One summary (and one sort) over the table and supplement findings together.
  const report = summarize(
    [...read.findings, ...checkDisclosure(read.disclosure, expect), ...findings],
    read.disclosure.unitName ?? expect.unitName ?? null,
    read.disclosure.year ?? expect.year ?? null,
    true,
    read.readings,
  );
  return { report, read, supplement };
}
