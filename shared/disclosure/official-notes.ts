import type { DisclosureTable } from './model.ts';
import { T1_LINES, T4_LINES } from './table-layouts.ts';

/**
 * The official notes printed under T1, T4 and T9 (the seed, 2023; the same identities as RULES.md T1-01…04 and
 * T4-01…05): written into the template by the workbook writer and printed on the page under the table — unless the
 * workbook already carries them, so a note is never printed twice.
 *
 * The 行 numbers are the 行次 the table prints: the canonical 26-类 numbers, or those of a 24-类 layout.
 */

/** T9: what 预算数 and 决算数 mean (the seed's own wording). */
export const T9_BUDGET_NOTE =
  '其中，预算数为“三公”经费全年预算数，反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。';

/** `n 行`, for a 行次 the table prints. */
const line = (n: number) => `${n} 行`;
const sum = (ns: readonly number[]) => `(${ns.join('+')}) 行`;
const range = (first: number, last: number) => `(${first}+${first + 1}+...+${last}) 行`;

/**
 * T1: `27 行 = (1+2+3+4+5+6+7+8) 行；31 行 = (27+28+29) 行；` and `58 行 = (32+33+...+57) 行；62 行 = (58+59+60) 行。`
 * `at` gives the printed 行次 of a canonical line; `expense` the printed 行次 of the first and last 类 row.
 */
export function t1IdentityNotes(at: (canonical: number) => number, expense: readonly [number, number]): string[] {
  const L = T1_LINES;
  const incomeLines = [
    L.generalBudgetIncome,
    L.governmentFundIncome,
    L.stateCapitalIncome,
    L.superiorSubsidyIncome,
    L.businessIncome,
    L.operatingIncome,
    L.affiliatedUnitIncome,
    L.otherIncome,
  ];
  const grandIncomeParts = [L.incomeTotal, L.nonFiscalBalanceUsed, L.opening];
  const grandExpenseParts = [L.expenseTotal, L.distribution, L.closing];
  return [
    `${line(at(L.incomeTotal))} = ${sum(incomeLines.map(at))}；${line(at(L.grandTotalIncome))} = ${sum(grandIncomeParts.map(at))}；`,
    `${line(at(L.expenseTotal))} = ${range(expense[0], expense[1])}；${line(at(L.grandTotalExpense))} = ${sum(grandExpenseParts.map(at))}。`,
  ];
}

/** T4: `27 行 = (1+2+3) 行；28 行 = (29+30+31) 行；32 行 = (27+28) 行。` and `59 行 = (33+34+...+58) 行；64 行 = (59+60) 行。` */
export function t4IdentityNotes(at: (canonical: number) => number, expense: readonly [number, number]): string[] {
  const L = T4_LINES;
  const incomeLines = [L.generalBudgetIncome, L.governmentFundIncome, L.stateCapitalIncome];
  const openingLines = [L.openingFirstFund, L.openingGovernmentFund, L.openingStateCapital];
  const grandIncomeParts = [L.incomeTotal, L.opening];
  const grandExpenseParts = [L.expenseTotal, L.closing];
  return [
    `${line(at(L.incomeTotal))} = ${sum(incomeLines.map(at))}；${line(at(L.opening))} = ${sum(openingLines.map(at))}；${line(at(L.grandTotalIncome))} = ${sum(grandIncomeParts.map(at))}。`,
    `${line(at(L.expenseTotal))} = ${range(expense[0], expense[1])}；${line(at(L.grandTotalExpense))} = ${sum(grandExpenseParts.map(at))}。`,
  ];
}

/** Compared without spaces and punctuation width: `27行=(1+2+…+8)行` and `27 行 = (1+2+...+8) 行` are one note. */
function plain(text: string): string {
  return text
    .replace(/[\s\u3000]/g, '')
    .replace(/[（）]/g, (c) => (c === '（' ? '(' : ')'))
    .replace(/…|\.{3}|。。。/g, '...')
    .replace(/[；;。，,]/g, '');
}

/**
 * Is `note` already among the table's printed notes? Word for word (spacing, 全角/半角 and `…`/`...` aside), or, for
 * an identity note, when the printed notes state the same totals (any of `27行=`, `31行=`) in their own wording
 * (`(1+2+…+8)` for `(1+2+3+4+5+6+7+8)`). T9's note: when the printed one defines 预算数 as the 全年预算数.
 */
export function carriesNote(printed: readonly string[], note: string): boolean {
  const all = printed.map(plain).join('|');
  if (all.includes(plain(note))) return true;
  if (note === T9_BUDGET_NOTE) return all.includes('全年预算数');
  const totals = [...plain(note).matchAll(/(?:^|[^(+\d])(\d+)行=/g)].map((m) => `${m[1]}行=`);
  return totals.some((x) => new RegExp(`(^|[^\\d+(])${x}`).test(all));
}

/** The identities of T1 or T4 as the table prints its 行次 (`printedLine`, else the canonical line). */
function totalsNotes(t: DisclosureTable): string[] {
  const printedOf = (canonical: number) => {
    const row = t.rows.find((r) => r.line === canonical);
    return row?.printedLine ?? canonical;
  };
  const lei = t.rows.filter((r) => r.side === 'expense' && r.code !== null);
  const first = lei[0];
  const last = lei.at(-1);
  const t4 = t.id === 'T4';
  // The 类 block runs from the first 类 line to the line before 本年支出合计.
  const { firstLei, expenseTotal } = t4 ? T4_LINES : T1_LINES;
  const lastLei = expenseTotal - 1;
  const expense: [number, number] =
    first && last
      ? [first.printedLine ?? first.line ?? firstLei, last.printedLine ?? last.line ?? lastLei]
      : [firstLei, lastLei];
  return t4 ? t4IdentityNotes(printedOf, expense) : t1IdentityNotes(printedOf, expense);
}

/**
 * The official notes the page adds under a table, leaving out what the workbook already printed (its note lines are
 * in `t.notes`, shown as they are).
 */
export function officialNotesToAdd(t: DisclosureTable): string[] {
  const notes = t.id === 'T1' || t.id === 'T4' ? totalsNotes(t) : t.id === 'T9' ? [T9_BUDGET_NOTE] : ([] as string[]);
  return notes.filter((n) => !carriesNote(t.notes, n));
}

/**
 * The notes to print under a table: the workbook's own, with the official ones it lacks — T9's sentence right after
 * its “注：本表反映…” line (as the seed prints it), T1/T4's identities after the other notes.
 */
export function notesWithOfficial(t: DisclosureTable): string[] {
  const add = officialNotesToAdd(t);
  if (t.id !== 'T9' || add.length === 0) return [...t.notes, ...add];
  const first = t.notes.findIndex((n) => /^注/.test(n.trim()));
  if (first < 0) return [...add, ...t.notes];
  return [...t.notes.slice(0, first + 1), ...add, ...t.notes.slice(first + 1)];
}
