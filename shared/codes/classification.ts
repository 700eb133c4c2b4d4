import { ECONOMIC_CODES, FUNCTIONAL_LEI, FUNCTIONAL_OBSERVED } from './code-lists.generated.ts';

/**
 * Classification code lists (政府收支分类科目), keyed by year. Only hand-assembled partial lists exist so far
 * (shared/codes/data/SOURCES.md): an unknown code is a warning, not an error, until the full list is loaded.
 */

export interface CodeEntry {
  code: string;
  name: string;
}

/** 功能分类 类 rows of T1/T4 in their fixed order (26 rows; the 24-row variant omits 231 and 232). */
export const T1_EXPENSE_LEI: readonly CodeEntry[] = FUNCTIONAL_LEI.filter((l) => l.row !== null)
  .sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
  .map(({ code, name }) => ({ code, name }));

/** The two 类 rows some provinces leave out of T1/T4 (债务还本支出 / 债务付息支出). */
export const OPTIONAL_T1_LEI = new Set(['231', '232']);

const functionalByCode = new Map<string, string>();
for (const l of FUNCTIONAL_LEI) functionalByCode.set(l.code, l.name);
for (const o of FUNCTIONAL_OBSERVED) if (!functionalByCode.has(o.code)) functionalByCode.set(o.code, o.name);

const leiByName = new Map<string, string>(FUNCTIONAL_LEI.map((l) => [normalizeName(l.name), l.code]));

const economicByCode = new Map(ECONOMIC_CODES.map((e) => [e.code, e]));

/** Names compared without spaces, brackets style or a trailing （类）/(款)/(项) marker. */
export function normalizeName(name: string): string {
  return name
    .replace(/[\s\u3000]/g, '')
    .replace(/[（(](类|款|项)[）)]$/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[“”"「」]/g, '');
}

/** 功能分类 类 code for a T1/T4 row label (`一、一般公共服务支出` → `201`). */
export function functionalLeiCodeForLabel(label: string): string | null {
  return leiByName.get(normalizeName(stripOrdinal(label))) ?? null;
}

/** Removes a leading Chinese ordinal (`一、`, `二十六、`, `(一)`, `1.`). */
export function stripOrdinal(label: string): string {
  return label
    .trim()
    .replace(/^[（(]?[一二三四五六七八九十]+[、.．)）]\s*/, '')
    .replace(/^\d+[、.．]\s*/, '');
}

export type CodeCheck = { status: 'known' } | { status: 'name-variant'; officialName: string } | { status: 'unknown' };

/** Looks a 功能分类 code up in the year's list (H-04). `year` selects the list; only one partial list exists yet. */
export function checkFunctionalCode(code: string, name: string, _year: number | null): CodeCheck {
  const official = functionalByCode.get(code);
  if (official === undefined) return { status: 'unknown' };
  return normalizeName(official) === normalizeName(name)
    ? { status: 'known' }
    : { status: 'name-variant', officialName: official };
}

export function functionalName(code: string): string | null {
  return functionalByCode.get(code) ?? null;
}

/** Economic classification check for T6 rows (S-03). */
export function checkEconomicCode(code: string, name: string): CodeCheck {
  const entry = economicByCode.get(code);
  if (entry === undefined) return { status: 'unknown' };
  return normalizeName(entry.name) === normalizeName(name)
    ? { status: 'known' }
    : { status: 'name-variant', officialName: entry.name };
}
