import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Disclosure } from '../../shared/disclosure/model.ts';
import type { PublishedDisclosure } from '../../shared/site/site-model.ts';
import type { Supplement } from '../../shared/supplement/model.ts';
import { validateWorkbook } from '../../shared/validate-workbook.ts';

/**
 * The seed as the pipeline would publish it: test/fixtures/seed-2023-full.xlsx (the seed's nine tables plus the
 * supplementary sheets filled from the seed's text, built by scripts/build-seed-fixture.ts), validated, with the
 * seed's publication date.
 */

export const FULL_SEED_PATH = fileURLToPath(new URL('../fixtures/seed-2023-full.xlsx', import.meta.url));
export const SEED_TEXT_PATH = fileURLToPath(new URL('../fixtures/seed-2023-wuhan-info-center.txt', import.meta.url));
export const SEED_UNIT = '武汉市财政局信息中心';
export const SEED_CODE = '101017';

export interface SeedPublication {
  published: PublishedDisclosure;
  disclosure: Disclosure;
  supplement: Supplement;
}

let cache: Promise<SeedPublication> | null = null;

export function seedPublication(): Promise<SeedPublication> {
  cache ??= (async () => {
    const { report, read, supplement } = await validateWorkbook(await readFile(FULL_SEED_PATH));
    if (read.status !== 'read' || supplement === null) throw new Error('the full seed fixture did not read');
    const published: PublishedDisclosure = {
      unit: { code: SEED_CODE, name: SEED_UNIT, department: '武汉市财政局' },
      year: 2023,
      version: 'u-seed-2023',
      publishedAt: '2024-10-12T02:00:00.000Z',
      disclosure: read.disclosure,
      supplement,
      findings: report.findings,
      previous: null,
    };
    return { published, disclosure: read.disclosure, supplement };
  })();
  return cache;
}

/** The seed's published text (the real document the page must reproduce). */
export function seedText(): Promise<string> {
  return readFile(SEED_TEXT_PATH, 'utf8');
}

/** Text of one part of the seed, from its heading to the next part's heading (`# 第三部分` … `## 第四部分`). */
export function seedPart(text: string, from: RegExp, to: RegExp): string {
  const start = text.search(from);
  const rest = text.slice(start);
  const end = rest.slice(1).search(to);
  return end < 0 ? rest : rest.slice(0, end + 1);
}

/** Tags that must be balanced in generated HTML (void elements excluded). */
export function unbalancedTags(html: string): string[] {
  const VOID = new Set(['meta', 'link', 'br', 'hr', 'img', 'input', 'source', 'wbr', 'col']);
  const stack: string[] = [];
  const problems: string[] = [];
  const body = html.replace(/<!doctype[^>]*>/i, '');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g)) {
    const [, close, rawName, selfClose] = m;
    const name = (rawName ?? '').toLowerCase();
    if (VOID.has(name) || selfClose === '/') continue;
    if (close) {
      const top = stack.pop();
      if (top !== name) problems.push(`</${name}> closes <${top ?? 'nothing'}>`);
    } else stack.push(name);
  }
  return [...problems, ...stack.map((t) => `<${t}> never closed`)];
}
