import { describe, expect, it } from 'vitest';
import { checkedIn } from '../../scripts/generate-rules-doc.ts';
import { declaredSeverities, RULES, RULES_BY_ID } from '../../shared/rules/catalog.ts';
import { emittedPairs } from './emitted-pairs.ts';

/**
 * The catalog is the single source of truth (issue #14 item 4): every (rule, severity) pair the validator emits —
 * over the seed, the full seed, the real documents, every failing case and every hostile workbook — is declared by
 * the rule, with its condition, so docs/rules.md says what the code does.
 */
describe('the rule catalog is authoritative', () => {
  it('every emitted (rule, severity) pair is declared in the catalog', { timeout: 180_000 }, async () => {
    const pairs = await emittedPairs();
    const undeclared = [...pairs.entries()]
      .filter(([key]) => {
        const [rule, severity] = key.split(' ');
        return !RULES_BY_ID.has(rule ?? '') || !declaredSeverities(rule ?? '').has(severity as never);
      })
      .map(([key, source]) => `${key} (from ${source})`);
    expect(undeclared).toEqual([]);
    // The corpus really exercises the catalog: most rules are seen, in more than one severity where they have one.
    expect(pairs.size).toBeGreaterThan(60);
  });

  it('every rule says where it is checked, and the place really reports it', () => {
    const nowhere = RULES.filter((r) => checkedIn(r.id).length === 0).map((r) => r.id);
    expect(nowhere).toEqual([]);
  });
});
