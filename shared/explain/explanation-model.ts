import type { Disclosure } from '../disclosure/model.ts';
import type { Dec } from '../money/amount.ts';
import type { Supplement } from '../supplement/model.ts';
import type { PreviousFigures } from './previous-year.ts';

/**
 * Generated explanations (第三部分 情况说明, 第五部分 名词解释) as structured text: plain strings, never HTML, so the
 * renderer escapes everything and tests read the same sentences the page shows.
 */
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'subsection'; title: string; blocks: Block[] }
  | { kind: 'chart'; chart: ChartSpec }
  /** Term → explanation pairs (名词解释). */
  | { kind: 'definitions'; items: { term: string; text: string }[] }
  /** Something the section needs that the unit did not supply (shown as such, never invented). */
  | { kind: 'missing'; text: string };

export interface ExplainedSection {
  /** Anchor id (`s1` … `s13`). */
  id: string;
  /** 一 … 十三. */
  number: string;
  title: string;
  blocks: Block[];
}

/** A bar chart drawn at build time; every value is also shown in its data table. */
export interface ChartSpec {
  id: string;
  title: string;
  /** One-sentence summary for the text alternative. */
  description: string;
  /** Names of the bars in each category (`['决算数']`, or `['2022年度', '2023年度']`). */
  series: string[];
  categories: { label: string; values: Dec[] }[];
}

export interface ExplainContext {
  disclosure: Disclosure;
  supplement: Supplement | null;
  year: number;
  unitName: string;
  previous: PreviousFigures | null;
}

export const p = (text: string): Block => ({ kind: 'paragraph', text });
export const missing = (text: string): Block => ({ kind: 'missing', text });
export const sub = (title: string, blocks: Block[]): Block => ({ kind: 'subsection', title, blocks });

/** All sentences of a section, flattened (tests and the narrative self-check read these). */
export function sectionText(blocks: readonly Block[]): string[] {
  return blocks.flatMap(blockText);
}

function blockText(b: Block): string[] {
  if (b.kind === 'paragraph' || b.kind === 'missing') return [b.text];
  if (b.kind === 'list') return b.items;
  if (b.kind === 'subsection') return [b.title, ...sectionText(b.blocks)];
  if (b.kind === 'definitions') return b.items.map((i) => `${i.term}：${i.text}`);
  return [];
}
