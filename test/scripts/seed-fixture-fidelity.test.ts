import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SeedPublication, seedPublication } from '../site/helpers.ts';

/**
 * test/fixtures/seed-2023-full.xlsx (scripts/build-seed-fixture.ts) reproduces the seed's own texts: every text the
 * unit supplies is found word for word in the published document (its PDF page breaks inside a sentence joined).
 * The deliberate deviations are listed in test/fixtures/README.md; this test fails when the fixture drifts from the
 * seed in any other way.
 */

const SEED = fileURLToPath(new URL('../../../shared/seeds/000_a5279335ae6e3cef.txt', import.meta.url));
const LOCAL_COPY = fileURLToPath(new URL('../fixtures/seed-2023-wuhan-info-center.txt', import.meta.url));

/** The seed's text with the page breaks that cut a sentence (`新\n\n媒体`) joined, tabs as table cell breaks. */
function joinPageBreaks(text: string): string {
  return text.replace(/([^\s。；：:！？”)）#|])\n\n(?=[^\s#|\d序])/g, '$1');
}

let seed: SeedPublication;
let text: string;
beforeAll(async () => {
  seed = await seedPublication();
  const raw = await readFile(SEED, 'utf8').catch(() => readFile(LOCAL_COPY, 'utf8'));
  text = joinPageBreaks(raw);
});

const inSeed = (s: string | null | undefined) => {
  expect(s, 'a text the fixture should carry').toBeTruthy();
  expect(text.includes(s ?? ''), `not in the seed: ${s}`).toBe(true);
};

describe('the full seed fixture carries the seed’s own texts', () => {
  it('第一部分 概况', () => {
    inSeed(seed.supplement.profile.duties);
    inSeed(seed.supplement.profile.organization);
  });

  it('第四部分 重点工作: the five sections and the table, cell by cell (its slips included)', () => {
    const work = seed.supplement.keyWork;
    expect(work.sections.map((s) => s.title)).toEqual([
      '一、构建安全立体防范体系',
      '二、大力推进预算管理一体化系统实施',
      '三、强化信息公开',
      '四、夯实机房管理',
      '五、推进信息化管理，努力提高信息服务水平',
    ]);
    for (const s of work.sections) {
      inSeed(s.title);
      inSeed(s.text);
    }
    for (const r of work.rows) inSeed([r.seq, r.matter, r.goal, r.result].join('\t'));
    // The seed's row 1 repeats 强化信息公开 (a slip of the published document, reproduced, not corrected).
    expect(work.rows[0]?.result).toBe(work.rows[2]?.result);
  });

  it('十三 预算绩效: (一), (二), each 自评综述, 下一步改进措施, (四)', () => {
    const p = seed.supplement.performance;
    inSeed(p.overview);
    inSeed(p.overallText);
    inSeed(p.application);
    inSeed(`下一步改进措施：${p.improvements}`);
    for (const e of p.evaluations)
      inSeed(
        `${e.projectName}项目绩效自评综述：项目全年预算数为${e.budget}万元，执行数为${e.actual}万元，完成预算的100%。${e.summary}`,
      );
  });

  it('第六部分 自评表: indicator names with their weights, targets, values and printed scores', () => {
    for (const e of seed.supplement.performance.evaluations) {
      for (const i of e.indicators) {
        inSeed(i.name);
        expect(i.weight, i.name).toBe(/（(\d+)分）/.exec(i.name)?.[1]);
      }
      inSeed(e.improvement);
      if (e.deviation) inSeed(e.deviation);
    }
    const [first] = seed.supplement.performance.evaluations;
    expect(first?.indicators.map((i) => [i.level2, i.name, i.target, i.actual, i.score])).toEqual([
      ['经济成本指标', '年度维护成本增长率（8分）', '≤8%', '≤8%', '8'],
      ['数量指标', '运行维护设备数量（10分）', '1套', '1套', '10'],
      ['质量指标', '机房运行正常率（12分）', '≥99.5%', '100%', '12'],
      ['时效指标', '故障响应时间（10分）', '≤30分钟', '≤30分钟', '10'],
      ['社会效益指标', '发布公开信息（15分）', '≥200条', '982条', '15'],
      ['可持续影响指标', '设备正常使用年限（10分）', '≥5年', '≥5年', '10'],
      ['服务对象满意度指标', '业务系统管理处室（单位）满意度（15分）', '≥90%', '≥95%', '15'],
    ]);
  });

  it('情况说明 reasons and uses the unit writes', () => {
    const s = seed.supplement;
    inSeed(`项目支出主要用于${s.projectUse}。`);
    for (const b of s.budgets) if (b.reason) inSeed(`主要原因是${b.reason}。`);
    inSeed(`主要原因是${s.reasons.totals}。`);
  });
});
