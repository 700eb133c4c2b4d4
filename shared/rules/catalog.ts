import { CROSS_TABLE_RULES } from './check-cross-table.ts';
import { HIERARCHY_RULES } from './check-hierarchy.ts';
import { NARRATIVE_RULES } from './check-narrative.ts';
import { STRUCTURE_RULES } from './check-structure.ts';
import { UPLOAD_RULES } from './check-upload.ts';
import { WITHIN_TABLE_RULES } from './check-within-table.ts';
import type { RuleDefinition } from './engine.ts';
import type { Severity } from './finding.ts';

/**
 * The rule catalog: one list that the validator runs, the report quotes and docs/rules.md is generated from.
 * Rule IDs are published in reports: never renumber them.
 */
/**
 * Identities judged with the rounding tolerance (RULES.md §2): besides their own severity beyond the band, each
 * reports a notice (尾数误差) within the band of its non-zero addends, and a warning within the band only because
 * written 0.00 addends count (a possible keying error).
 */
const ROUNDING: readonly { severity: Severity; when: string }[] = [
  { severity: 'notice', when: '差额在非零项尾数误差容差以内（尾数误差）' },
  { severity: 'warning', when: '差额只有把写为 0.00 的各项也计入时才在容差以内（可能为录入错误）' },
];

const isIdentity = (r: RuleDefinition) =>
  r.family === 'table' || r.id === 'H-01' || r.id === 'H-02' || /^X-(0\d|1[0-2])$/.test(r.id);

export const RULES: readonly RuleDefinition[] = [
  ...UPLOAD_RULES,
  ...STRUCTURE_RULES,
  ...WITHIN_TABLE_RULES,
  ...HIERARCHY_RULES,
  ...CROSS_TABLE_RULES,
  ...NARRATIVE_RULES,
].map((r) => (isIdentity(r) ? { ...r, also: [...ROUNDING, ...(r.also ?? [])] } : r));

export const RULES_BY_ID: ReadonlyMap<string, RuleDefinition> = new Map(RULES.map((r) => [r.id, r]));

/** The severities a rule may report: its own and those it declares with their conditions. */
export function declaredSeverities(id: string): ReadonlySet<Severity> {
  const rule = RULES_BY_ID.get(id);
  return new Set(rule ? [rule.severity, ...(rule.also ?? []).map((a) => a.severity)] : []);
}
