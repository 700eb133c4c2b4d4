import { CROSS_TABLE_RULES } from './check-cross-table.ts';
import { HIERARCHY_RULES } from './check-hierarchy.ts';
import { NARRATIVE_RULES } from './check-narrative.ts';
import { STRUCTURE_RULES } from './check-structure.ts';
import { UPLOAD_RULES } from './check-upload.ts';
import { WITHIN_TABLE_RULES } from './check-within-table.ts';
import type { RuleDefinition } from './engine.ts';

/**
 * The rule catalog: one list that the validator runs, the report quotes and docs/rules.md is generated from.
 * Rule IDs are published in reports: never renumber them.
 */
export const RULES: readonly RuleDefinition[] = [
  ...UPLOAD_RULES,
  ...STRUCTURE_RULES,
  ...WITHIN_TABLE_RULES,
  ...HIERARCHY_RULES,
  ...CROSS_TABLE_RULES,
  ...NARRATIVE_RULES,
];

export const RULES_BY_ID: ReadonlyMap<string, RuleDefinition> = new Map(RULES.map((r) => [r.id, r]));
