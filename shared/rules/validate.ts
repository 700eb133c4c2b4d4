import type { Disclosure } from '../disclosure/model.ts';
import type { TableReading } from '../disclosure/table-reading.ts';
import { RULES } from './catalog.ts';
import { type Expectation, RuleContext } from './engine.ts';
import { type Finding, sortFindings } from './finding.ts';

/** The outcome of checking one workbook: the JSON contract of `validate --json` and of reports. */
export interface ValidationReport {
  status: 'accepted' | 'rejected';
  unit: string | null;
  year: number | null;
  summary: { errors: number; warnings: number; notices: number };
  /** How each table was read (sheet, title, header lines, layout, columns): lets a unit see its file was understood. */
  tables?: TableReading[];
  findings: Finding[];
}

/** Runs every rule of the catalog over a disclosure. */
export function checkDisclosure(disclosure: Disclosure, expect: Expectation = {}): Finding[] {
  const ctx = new RuleContext(disclosure, expect);
  for (const rule of RULES) rule.check?.(ctx);
  return ctx.finish();
}

export function summarize(
  findings: readonly Finding[],
  unit: string | null,
  year: number | null,
  readable = true,
  tables?: TableReading[],
): ValidationReport {
  const sorted = sortFindings(findings);
  const summary = {
    errors: sorted.filter((f) => f.severity === 'error').length,
    warnings: sorted.filter((f) => f.severity === 'warning').length,
    notices: sorted.filter((f) => f.severity === 'notice').length,
  };
  return {
    status: readable && summary.errors === 0 ? 'accepted' : 'rejected',
    unit,
    year,
    summary,
    ...(tables ? { tables } : {}),
    findings: sorted,
  };
}

/**
 * What the rules need of a read workbook (readWorkbook's ReadResult has this shape): the rules depend on the model,
 * never on the reader.
 */
export type ReadTables =
  | { status: 'read'; disclosure: Disclosure; findings: Finding[]; readings?: TableReading[] }
  | { status: 'unreadable'; findings: Finding[] };

/** Validates what readWorkbook produced. */
export function validateRead(read: ReadTables, expect: Expectation = {}): ValidationReport {
  if (read.status === 'unreadable') return summarize(read.findings, null, null, false);
  const findings = [...read.findings, ...checkDisclosure(read.disclosure, expect)];
  return summarize(
    findings,
    read.disclosure.unitName ?? expect.unitName ?? null,
    read.disclosure.year ?? expect.year ?? null,
    true,
    read.readings,
  );
}
