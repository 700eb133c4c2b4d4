import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A table coordinate has one name (issue #14 item 6): the 行次 of T1 and T4 are named in
 * shared/disclosure/table-layouts.ts (`T1_LINES`, `T4_LINES`) and a row key is built by its `lineKey()`. A literal
 * key (`'L27'`), a key built by hand (`L${n}` in a template) or a bare 行次 where a line is looked up
 * (`lineValue(d, 'T1', 58, 2)`, `r.line === 27`), chosen by table (`t4 ? 33 : 32`), listed (`[27, 28, 29]`) or
 * written beside a row's label (`['本年收入合计', 27, …]`) would let two places disagree on where 本年支出合计 is.
 */
const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));

/** Where the lines are named and the key is built: the one place allowed to spell them. */
const NAMED_HERE = new Set(['disclosure/table-layouts.ts']);

/**
 * A number in 27–64, where T1/T4 keep their totals, balances and 类 lines. Small numbers are left alone: they are
 * columns, widths and counts as often as 行次.
 */
const LINE = String.raw`(?:2[7-9]|[3-5]\d|6[0-4])`;

const PATTERNS: readonly { what: string; re: RegExp }[] = [
  { what: 'literal row key', re: /(['"`])L\d+\1/ },
  { what: 'row key built by hand', re: /`L\$\{/ },
  { what: 'bare 行次 in a line lookup', re: /lineValue\([^)]*?'T[14]',\s*\d/ },
  { what: 'bare 行次 compared with a row line', re: /\.line\s*===\s*\d/ },
  // `t4 ? 33 : 32`: T4's and T1's line side by side.
  { what: 'bare 行次 chosen by table', re: new RegExp(String.raw`\?\s*${LINE}\s*:\s*${LINE}\b`) },
  // `[27, 28, 29]`, `[33, 58]`: the lines a note sums or a block spans.
  { what: 'bare 行次 in a list of lines', re: new RegExp(String.raw`\[\s*${LINE}(?:\s*,\s*${LINE})+\s*\]`) },
  // `['本年收入合计', 27, …]`: a fixed row's label with its line.
  {
    what: 'bare 行次 beside a row label',
    re: new RegExp(String.raw`(['"])[^'"]*\p{Script=Han}[^'"]*\1,\s*${LINE}\s*[,\]]`, 'u'),
  },
];

/** Comment lines may show a key (`L27`) to document what one looks like. */
const COMMENT = /^\s*(\/\/|\/\*|\*)/;

/** `file:line: what — source` for every offending code line of `text`. */
function literalLines(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((source, i) => {
    if (COMMENT.test(source)) return;
    for (const { what, re } of PATTERNS) {
      if (re.test(source)) found.push(`${file}:${i + 1}: ${what} — ${source.trim()}`);
    }
  });
  return found;
}

function sharedSources(): string[] {
  return (readdirSync(SHARED, { recursive: true, encoding: 'utf8' }) as string[])
    .map((f) => f.replaceAll('\\', '/'))
    .filter((f) => f.endsWith('.ts') && !NAMED_HERE.has(f))
    .sort();
}

describe('T1/T4 line coordinates', () => {
  it('are named, never spelled as literals, in shared/', () => {
    const found = sharedSources().flatMap((f) => literalLines(f, readFileSync(`${SHARED}${f}`, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check itself finds each kind of literal', () => {
    const source = [
      "same(ctx, 'X-01', label, ['T1', 'L27', 1], ['T2', 'total', 1]);",
      'const all = ctx.fig("T1", "L58", 2);',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source under test spells a template literal
      'rhs: rhs.map((n) => ctx.term(id, `L${n}`, col)),',
      "const all = lineValue(ctx.disclosure, 'T1', 58, 2);",
      'totalIncome: t1?.rows.find((r) => r.line === 27)?.cells[1]?.value,',
      'const first = t4 ? 33 : 32;',
      'const expense = t4 ? [33, 58] : [32, 57];',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source under test spells a template literal
      '`${line(at(31))} = ${sum([27, 28, 29].map(at))}；`,',
      "['本年收入合计', 27, '本年支出合计', 58],",
      "const ok = ctx.fig('T1', lineKey(T1_LINES.expenseTotal), 2);",
      'const first = t4 ? T4_LINES.firstLei : T1_LINES.firstLei;',
      'const width = t4 ? 9 : 6;',
      "w.row(r, ['栏次', null, 1, '栏次', null, ...(t4 ? [2, 3, 4, 5] : [2])]);",
      "['单位职责', 2, Boolean(s?.profile.duties)],",
      'const at = (n: number) => printedOf.get(n) ?? n + 270;',
      'const row = t.rows.find((r) => r.line === canonical);',
      ' * Stable key within the table: a classification code, `total`, `L27` (canonical line).',
    ].join('\n');
    expect(literalLines('x.ts', source).map((l) => l.split(' — ')[0])).toEqual([
      'x.ts:1: literal row key',
      'x.ts:2: literal row key',
      'x.ts:3: row key built by hand',
      'x.ts:4: bare 行次 in a line lookup',
      'x.ts:5: bare 行次 compared with a row line',
      'x.ts:6: bare 行次 chosen by table',
      'x.ts:7: bare 行次 in a list of lines',
      'x.ts:8: bare 行次 in a list of lines',
      'x.ts:9: bare 行次 beside a row label',
    ]);
  });
});
