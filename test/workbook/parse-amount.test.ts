import { describe, expect, it } from 'vitest';
import { Dec, formatAmount, type ParsedAmount, parseAmount, sum, toHalfWidth } from '../../shared/money/amount.ts';

/** How one amount cell is read (shared/money/amount.ts), as the table readers use it. */

const shown = (p: ParsedAmount) =>
  p.kind === 'amount' ? p.value.toFixed(2) : p.kind === 'blank' ? 'blank' : `invalid:${p.reason}`;

describe('parseAmount', () => {
  it.each([
    [null, 'blank'],
    [undefined, 'blank'],
    ['', 'blank'],
    ['  ', 'blank'],
    ['-', 'blank'],
    ['--', 'blank'],
    ['—', 'blank'],
    ['/', 'blank'],
    ['0', '0.00'],
    ['0.00', '0.00'],
    [0, '0.00'],
    ['335', '335.00'],
    ['335.00', '335.00'],
    [335, '335.00'],
    ['635.55', '635.55'],
    [' 635.55 ', '635.55'],
    ['1,234.50', '1234.50'],
    ['12,345,678.9', '12345678.90'],
    ['１，２３４．５０', '1234.50'],
    ['６３５.５５', '635.55'],
    ['(1.00)', '-1.00'],
    ['-48.40', '-48.40'],
    ['.5', '0.50'],
    [48.4, '48.40'],
    [635.5500000000001, '635.55'],
    ['1,23.4', 'invalid:not-a-number'],
    ['12,34', 'invalid:not-a-number'],
    ['abc', 'invalid:not-a-number'],
    ['四十八', 'invalid:not-a-number'],
    ['1.2.3', 'invalid:not-a-number'],
    ['48.405', 'invalid:too-many-decimals'],
    [48.405, 'invalid:too-many-decimals'],
    ['1e12', 'invalid:not-a-number'],
    ['1000000000000', 'invalid:out-of-range'],
    [Number.NaN, 'invalid:not-a-number'],
  ])('%j → %s', (raw, expected) => {
    expect(shown(parseAmount(raw))).toBe(expected);
  });

  it('keeps the decimal exact (48.4 is 48.4, not the double 48.39999…)', () => {
    const p = parseAmount(48.4);
    expect(p.kind === 'amount' && p.value.equals(new Dec('48.4'))).toBe(true);
  });

  it('reports the text it could not read', () => {
    expect(parseAmount('约 5 万')).toEqual({ kind: 'invalid', reason: 'not-a-number', text: '约 5 万' });
  });
});

describe('helpers', () => {
  it('toHalfWidth maps full-width digits and punctuation', () => {
    expect(toHalfWidth('２０１０６９９（１．５）')).toBe('2010699(1.5)');
  });

  it('sum is exact and formatAmount shows two decimals without grouping', () => {
    expect(formatAmount(sum(['0.1', '0.2'].map((v) => new Dec(v))))).toBe('0.30');
    expect(formatAmount(new Dec('1234567.5'))).toBe('1234567.50');
  });
});
