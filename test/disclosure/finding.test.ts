import { describe, expect, it } from 'vitest';
import { finding } from '../../shared/disclosure/finding.ts';

/**
 * A finding's severity comes from its rule in the catalog (issue #14 item 4): the rule's own unless the call site
 * names another the rule declares. The type checker holds the call sites to it (`npm run typecheck` reads this file).
 */
describe('finding()', () => {
  it("takes the rule's own severity unless given one the rule declares", () => {
    expect(finding({ rule: 'S-02', message: 'x' }).severity).toBe('warning');
    expect(finding({ rule: 'S-02', severity: 'error', message: 'x' }).severity).toBe('error');
    expect(finding({ rule: 'F-01', message: 'x' }).severity).toBe('error');
    expect(finding({ rule: 'T1-01', severity: 'notice', message: 'x' }).severity).toBe('notice');
  });

  it('keeps the field order of the published JSON', () => {
    expect(Object.keys(finding({ rule: 'F-01', message: 'x' }))).toEqual([
      'rule',
      'severity',
      'table',
      'sheet',
      'cell',
      'message',
      'actual',
      'expected',
      'difference',
      'tolerance',
    ]);
  });

  it('does not compile with a severity its rule does not declare, or a rule the catalog does not have', () => {
    const undeclared = () => [
      // @ts-expect-error S-02 declares a warning and an error, no notice
      finding({ rule: 'S-02', severity: 'notice', message: 'x' }),
      // @ts-expect-error F-01 is an error only
      finding({ rule: 'F-01', severity: 'warning', message: 'x' }),
      // @ts-expect-error no such rule
      finding({ rule: 'Z-99', severity: 'error', message: 'x' }),
    ];
    // At run time nothing stops them: the type is the guard (test/rules/catalog-severities.test.ts: what is emitted).
    expect(undeclared().map((f) => f.severity)).toEqual(['notice', 'warning', 'error']);
  });
});
