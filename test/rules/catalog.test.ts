import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_IDS_PATH, RULES_DOC_PATH, renderRuleIds, renderRulesDoc } from '../../scripts/generate-rules-doc.ts';
import { RULE_SEVERITIES } from '../../shared/disclosure/rule-ids.generated.ts';
import { declaredSeverities, RULES, RULES_BY_ID } from '../../shared/rules/catalog.ts';
import { FAILING_CASES, MORE_CASES } from './cases.ts';

/**
 * The catalog is the one list the validator runs, reports quote and docs/rules.md shows: every rule has an ID, a
 * failing case in the family test files, and a line in the generated docs.
 */

/** Rules tested elsewhere: the upload contract (K-*) with the ingest use case, narrative rules with their checker. */
const TESTED_ELSEWHERE = (id: string, family: string) => id.startsWith('K-') || family === 'narrative';

describe('rule catalog', () => {
  it('has unique, well-formed IDs, a Chinese title and a severity', () => {
    expect(RULES_BY_ID.size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^([A-Z]-\d{2}[a-z]?|T\d-\d{2})$/);
      expect(r.title).toMatch(/[\u4e00-\u9fff]/);
      expect(['error', 'warning', 'notice']).toContain(r.severity);
    }
  });

  it('lists the IDs RULES.md §3 proposes', () => {
    const proposed = [
      ...['T1-01', 'T1-02', 'T1-03', 'T1-04', 'T1-05', 'T2-01', 'T3-01'],
      ...['T4-01', 'T4-02', 'T4-03', 'T4-04', 'T4-05', 'T4-06', 'T4-07', 'T4-08', 'T5-01', 'T6-01', 'T6-02', 'T6-03'],
      ...['T7-01', 'T7-02', 'T8-01', 'T9-01', 'T9-02', 'T9-03', 'T9-04', 'H-01', 'H-02', 'H-03', 'H-04', 'H-05'],
      ...Array.from({ length: 17 }, (_, i) => `X-${String(i + 1).padStart(2, '0')}`),
      ...['S-01', 'S-02', 'S-03', 'S-04'],
    ];
    expect(proposed.filter((id) => !RULES_BY_ID.has(id))).toEqual([]);
  });

  it('every rule has a failing case in a family test file', () => {
    const covered = new Set([...FAILING_CASES, ...MORE_CASES].map((c) => c.rule));
    const missing = RULES.filter((r) => !TESTED_ELSEWHERE(r.id, r.family) && !covered.has(r.id)).map((r) => r.id);
    expect(missing).toEqual([]);
  });

  it('every failing case names a catalog rule', () => {
    const unknown = [...FAILING_CASES, ...MORE_CASES].filter((c) => !RULES_BY_ID.has(c.rule)).map((c) => c.rule);
    expect(unknown).toEqual([]);
  });

  it('docs/rules.md is up to date with the catalog (run `npm run docs:rules`)', () => {
    expect(readFileSync(RULES_DOC_PATH, 'utf8')).toBe(renderRulesDoc(RULES));
  });

  it('the RuleId type and the severities findings take are up to date with the catalog (run `npm run docs:rules`)', () => {
    expect(readFileSync(RULE_IDS_PATH, 'utf8')).toBe(renderRuleIds(RULES));
    // What finding() reads at run time: every rule, its own severity, and no severity the catalog does not declare.
    expect(Object.keys(RULE_SEVERITIES)).toEqual(RULES.map((r) => r.id));
    for (const r of RULES) {
      const { own, also } = RULE_SEVERITIES[r.id as keyof typeof RULE_SEVERITIES];
      expect(own, r.id).toBe(r.severity);
      expect(new Set([own, ...also]), r.id).toEqual(declaredSeverities(r.id));
    }
  });

  it('docs/rules.md lists every rule with its severity and explains tolerance and localization', () => {
    const doc = renderRulesDoc(RULES);
    for (const r of RULES) expect(doc).toContain(`| ${r.id} | ${r.family} |`);
    expect(doc).toContain('(n + 1) × 0.005');
    expect(doc).toContain('单元格定位');
  });
});
