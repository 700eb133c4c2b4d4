import { beforeAll, describe, expect, it } from 'vitest';
import { Dec } from '../../shared/money/amount.ts';
import { siteRenderer } from '../../shared/site/index.ts';
import { renderChart } from '../../shared/site/render-charts.ts';
import type { PublishedDisclosure } from '../../shared/site/site-model.ts';
import { type SeedPublication, seedPublication, unbalancedTags } from './helpers.ts';

/** Inline SVG charts: a text alternative and a data table for each, and bars proportional to exact figures. */

let seed: SeedPublication;
beforeAll(async () => {
  seed = await seedPublication();
});

function page(p: PublishedDisclosure): string {
  const body = siteRenderer.disclosureFiles(p).find((f) => f.path.endsWith('.html'))?.body;
  return typeof body === 'string' ? body : '';
}

const figures = (html: string) => [...html.matchAll(/<figure class="chart" id="([^"]+)">[\s\S]*?<\/figure>/g)];

describe('charts of the seed page', () => {
  it('draws income composition, 基本 vs 项目, expenditure by 类 and year on year', () => {
    expect(figures(page(seed.published)).map((m) => m[1])).toEqual([
      'chart-year-on-year',
      'chart-income',
      'chart-basic-project',
      'chart-by-lei',
    ]);
  });

  it('each SVG is an image labelled by its own <title> and <desc>, with its data in a table', () => {
    for (const [fig] of figures(page(seed.published))) {
      const svg = /<svg[^>]*role="img" aria-labelledby="([^ "]+) ([^"]+)"/.exec(fig);
      expect(svg).not.toBeNull();
      expect(fig).toContain(`<title id="${svg?.[1]}">`);
      expect(fig).toMatch(new RegExp(`<desc id="${svg?.[2]}">[^<]{8,}</desc>`));
      expect(fig).toMatch(/<details class="chart-data"><summary>查看图表数据<\/summary>[\s\S]*<table[^>]*><caption>/);
      expect(unbalancedTags(fig)).toEqual([]);
    }
  });

  it('the 类 chart shows the T5 figures, in its bars and in its table', () => {
    const fig = figures(page(seed.published)).find((m) => m[1] === 'chart-by-lei')?.[0] ?? '';
    for (const v of ['468.96', '49.25', '54.72', '62.62']) {
      expect(fig).toContain(`class="chart-value">${v}</text>`);
      expect(fig).toContain(`<td class="num">${v}</td>`);
    }
    expect(fig).toContain('<desc id="chart-by-lei-desc">合计635.55万元，分4个功能分类类级科目');
  });

  it('has no year-on-year chart when last year is unknown', () => {
    const s = structuredClone(seed.supplement);
    for (const k of Object.keys(s.previousYear) as (keyof typeof s.previousYear)[]) s.previousYear[k] = null;
    const ids = figures(page({ ...seed.published, supplement: s })).map((m) => m[1]);
    expect(ids).not.toContain('chart-year-on-year');
  });
});

describe('bar geometry', () => {
  it('scales bars to the largest value exactly', () => {
    const svg = renderChart({
      id: 'c',
      title: 't',
      description: 'd',
      series: ['决算数'],
      categories: [
        { label: 'a', values: [new Dec('100.00')] },
        { label: 'b', values: [new Dec('25.00')] },
        { label: 'c', values: [new Dec('0')] },
      ],
    }).value;
    expect([...svg.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => m[1])).toEqual(['320', '80', '0']);
  });
});
