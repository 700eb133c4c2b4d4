import type { Block, ExplainedSection } from '../explain/explanation-model.ts';
import { type Html, html, trustedHtml } from './escape-html.ts';
import { renderChart } from './render-charts.ts';

/** Generated explanation blocks as HTML; headings continue the page's hierarchy from `level`. */

function heading(level: number, text: string, id?: string): Html {
  const tag = `h${Math.min(level, 6)}`;
  return html`${trustedHtml(`<${tag}`)}${id ? html` id="${id}"` : ''}>${text}${trustedHtml(`</${tag}>`)}`;
}

function renderBlock(b: Block, level: number): Html {
  switch (b.kind) {
    case 'paragraph':
      return html`<p>${b.text}</p>\n`;
    case 'missing':
      return html`<p class="missing">${b.text}</p>\n`;
    case 'list':
      return html`<ol class="explain-list">${b.items.map((i) => html`<li>${i}</li>`)}</ol>\n`;
    case 'definitions':
      return html`<dl class="terms">${b.items.map((i) => html`<dt>${i.term}</dt><dd>${i.text}</dd>`)}</dl>\n`;
    case 'subsection':
      return html`<section class="subsection">${heading(level, b.title)}${renderBlocks(b.blocks, level + 1)}</section>\n`;
    case 'chart':
      return html`${renderChart(b.chart)}\n`;
  }
}

export function renderBlocks(blocks: readonly Block[], level: number): Html {
  return html`${blocks.map((b) => renderBlock(b, level))}`;
}

export function renderExplainedSection(s: ExplainedSection): Html {
  const id = `explain-${s.id}`;
  return html`<section class="explain" aria-labelledby="${id}">${heading(3, `${s.number}、${s.title}`, id)}${renderBlocks(s.blocks, 4)}</section>\n`;
}
