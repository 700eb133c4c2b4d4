import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A table coordinate has one name (issue #14 item 6): the 行次 of T1 and T4 are named in
 * shared/disclosure/table-layouts.ts (`T1_LINES`, `T4_LINES`) and a row key is built by its `lineKey()`. A literal
 * key (`'L27'`), a key built by hand (`L${n}` in a template) or a bare 行次 where a line is looked up
 * (`lineValue(d, 'T1', 58, 2)`, `r.line === 27`) would let two places disagree on where 本年支出合计 is.
 */
const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));

/** Where the lines are named and the key is built: the one place allowed to spell them. */
const NAMED_HERE = new Set(['disclosure/table-layouts.ts']);

const PATTERNS: readonly { what: string; re: RegExp }[] = [
  { what: 'literal row key', re: /(['"`])L\d+\1/ },
  { what: 'row key built by hand', re: /`L\$\{/ },
  { what: 'bare 行次 in a line lookup', re: /lineValue\([^)]*?'T[14]',\s*\d/ },
  { what: 'bare 行次 compared with a row line', re: /\.line\s*===\s*\d/ },
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
      "const ok = ctx.fig('T1', lineKey(T1_LINES.expenseTotal), 2);",
      'const row = t.rows.find((r) => r.line === canonical);',
      ' * Stable key within the table: a classification code, `total`, `L27` (canonical line).',
    ].join('\n');
    expect(literalLines('x.ts', source).map((l) => l.split(' — ')[0])).toEqual([
      'x.ts:1: literal row key',
      'x.ts:2: literal row key',
      'x.ts:3: row key built by hand',
      'x.ts:4: bare 行次 in a line lookup',
      'x.ts:5: bare 行次 compared with a row line',
    ]);
  });
});
