import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseKind } from '../../cli/commands/units.ts';
import { kindOf, kindWords } from '../../shared/disclosure/kind.ts';
import type { Disclosure } from '../../shared/disclosure/model.ts';
import { disclosureFromJson, disclosureToJson } from '../../shared/disclosure/serialize.ts';
import { ingestUpload } from '../../shared/ingest/ingest-upload.ts';
import { siteRenderer } from '../../shared/site/index.ts';
import type { PublishedDisclosure } from '../../shared/site/site-model.ts';
import { MemoryRegistry, MemoryReports, MemorySite, MemoryStore, MemoryUploads } from '../../shared/storage/memory.ts';
import { checkCompleteness } from '../../shared/supplement/check-completeness.ts';
import { emptySupplement } from '../../shared/supplement/model.ts';
import { resolveKind, validateWorkbook } from '../../shared/validate-workbook.ts';
import { fakeRenderer } from '../pipeline/fake-renderer.ts';
import { SEED_UNIT } from '../pipeline/workbooks.ts';
import { FULL_SEED_PATH, type SeedPublication, seedPublication } from '../site/helpers.ts';

/**
 * 部门决算 / 单位决算 (issue 10 part 3): set at registration or read from the titles, the registry's kind winning;
 * page titles, part and section names and the required parts follow it; unknown → 单位决算.
 */

let seed: SeedPublication;
beforeAll(async () => {
  seed = await seedPublication();
});

const asKind = (d: Disclosure, kind: Disclosure['kind']): Disclosure => ({ ...d, kind });

function page(p: PublishedDisclosure): string {
  const f = siteRenderer.disclosureFiles(p).find((x) => x.path.endsWith('index.html'));
  if (!f || typeof f.body !== 'string') throw new Error('no page');
  return f.body;
}

const headings = (html: string) => [...html.matchAll(/<h2 id="part-\d+">([^<]+)<\/h2>/g)].map((m) => m[1]);

describe('kind resolution', () => {
  it('the registry wins over the titles; unknown stays null and reads as 单位决算', () => {
    expect(resolveKind('department', 'unit')).toBe('department');
    expect(resolveKind('unit', 'department')).toBe('unit');
    expect(resolveKind(null, 'department')).toBe('department');
    expect(resolveKind(undefined, null)).toBeNull();
    expect(kindOf({ kind: null })).toBe('unit');
    expect(kindWords('department')).toMatchObject({ label: '部门决算', subject: '部门', self: '本部门' });
    expect(kindWords(undefined)).toMatchObject({ label: '单位决算', subject: '单位', self: '本单位' });
  });

  it('units add --kind accepts 部门 / 单位 (and the full labels), nothing else', () => {
    expect(parseKind('部门')).toBe('department');
    expect(parseKind('部门决算')).toBe('department');
    expect(parseKind(' 单位 ')).toBe('unit');
    expect(parseKind('department')).toBe('department');
    expect(parseKind('主管部门')).toBeUndefined();
  });

  it('validation applies the registered kind before the supplement is checked', async () => {
    const bytes = await readFile(FULL_SEED_PATH);
    const asDepartment = await validateWorkbook(bytes, { kind: 'department' });
    expect(asDepartment.read.status === 'read' && asDepartment.read.disclosure.kind).toBe('department');
    const plain = await validateWorkbook(bytes);
    expect(plain.read.status === 'read' && kindOf(plain.read.disclosure)).toBe('unit');
  });

  it('the kind survives storage (JSON form)', () => {
    const d = asKind(seed.disclosure, 'department');
    expect(disclosureFromJson(disclosureToJson(d)).kind).toBe('department');
    expect(disclosureFromJson(disclosureToJson(asKind(seed.disclosure, null))).kind).toBeUndefined();
  });
});

describe('required parts follow the kind', () => {
  const rules = (d: Disclosure) =>
    checkCompleteness(d, { ...emptySupplement(), sheets: ['单位概况'] }).map((f) => f.rule);

  it('a 单位决算 (or unknown kind) is asked for 重点工作 and the 自评表 of its project spending', () => {
    expect(rules(seed.disclosure)).toEqual(expect.arrayContaining(['P-11', 'P-12']));
    expect(rules(asKind(seed.disclosure, 'unit'))).toEqual(expect.arrayContaining(['P-11', 'P-12']));
  });

  it('a 部门决算 is not: those parts are not in its template', () => {
    const d = asKind(seed.disclosure, 'department');
    expect(rules(d)).not.toContain('P-11');
    expect(rules(d)).not.toContain('P-12');
    expect(rules(d)).toEqual(expect.arrayContaining(['P-02', 'P-05', 'P-08', 'P-09', 'P-10']));
    const p02 = checkCompleteness(d, { ...emptySupplement(), sheets: ['单位概况'] }).find((f) => f.rule === 'P-02');
    expect(p02?.message).toContain('第一部分 部门概况');
  });

  it('without supplement sheets, the 部门决算 warning does not ask for 重点工作 or 绩效自评 sheets', () => {
    const [unit] = checkCompleteness(seed.disclosure, emptySupplement());
    const [department] = checkCompleteness(asKind(seed.disclosure, 'department'), emptySupplement());
    expect(unit?.message).toContain('单位概况、补充信息、重点工作、绩效自评');
    expect(department?.message).toContain('（单位概况、补充信息）');
    expect(department?.message).not.toMatch(/重点工作|绩效自评/);
  });
});

describe('the page follows the kind', () => {
  it('单位决算: 单位决算 titles and the six parts of the seed', () => {
    const html = page(seed.published);
    expect(html).toContain('<h1>2023年度武汉市财政局信息中心单位决算公开</h1>');
    expect(headings(html)).toEqual([
      '第一部分 武汉市财政局信息中心概况',
      '第二部分 武汉市财政局信息中心2023年度单位决算表',
      '第三部分 武汉市财政局信息中心2023年度单位决算情况说明',
      '第四部分 2023年度重点工作完成情况',
      '第五部分 名词解释',
      '第六部分 附件',
    ]);
    expect(html).toContain('<a href="#part-1">第一部分 单位概况</a>');
    expect(html).toContain('一、单位主要职责');
    expect(html).toContain('二、机构设置情况');
  });

  it('部门决算: 部门决算 titles, 部门概况 with 下属单位, 名词解释 fourth; supplied extras follow it', () => {
    const d = asKind(seed.disclosure, 'department');
    const html = page({ ...seed.published, disclosure: d });
    expect(html).toContain('<h1>2023年度武汉市财政局信息中心部门决算公开</h1>');
    expect(html).toContain('<title>2023年度武汉市财政局信息中心部门决算公开');
    expect(html).not.toContain('单位决算表');
    expect(html).toContain('<a href="#part-1">第一部分 部门概况</a>');
    expect(html).toContain('一、部门主要职能');
    expect(html).toContain('二、部门决算单位构成（本级及下属单位）');
    expect(headings(html)).toEqual([
      '第一部分 武汉市财政局信息中心概况',
      '第二部分 武汉市财政局信息中心2023年度部门决算表',
      '第三部分 武汉市财政局信息中心2023年度部门决算情况说明',
      '第四部分 名词解释',
      '第五部分 2023年度重点工作完成情况',
      '第六部分 附件',
    ]);
    const bare = page({ ...seed.published, disclosure: d, supplement: { ...emptySupplement(), sheets: ['单位概况'] } });
    expect(headings(bare).map((h) => h?.split(' ')[0])).toEqual(['第一部分', '第二部分', '第三部分', '第四部分']);
    expect(bare).toContain('本部门未提供部门决算单位构成（本级及下属单位）。');
    expect(bare).not.toContain('重点工作完成情况');
    expect(html).toContain('本部门在2023年度部门决算中反映项目绩效自评结果，共涉及3个项目，自评表见附件。');
    expect(page(seed.published)).toContain(
      '本单位在2023年度单位决算中反映项目绩效自评结果，共涉及3个项目，自评表见第六部分附件。',
    );
  });
});

describe('ingest: the registry kind reaches the stored version and the completeness check', () => {
  it('a unit registered as 部门 publishes a 部门决算 without 重点工作 or 自评表 warnings', async () => {
    const registry = new MemoryRegistry();
    await registry.put({ ...SEED_UNIT, kind: 'department' });
    const uploads = new MemoryUploads();
    const store = new MemoryStore();
    const key = 'uploads/101017/2023/full.xlsx';
    const bytes = await readFile(FULL_SEED_PATH);
    uploads.put(key, bytes);
    const outcome = await ingestUpload(
      {
        key,
        eventTime: '2024-10-12T08:00:00Z',
        sequencer: '01',
        etag: uploads.objects.get(key)?.etag ?? null,
        versionId: null,
      },
      {
        uploads,
        reports: new MemoryReports(),
        site: new MemorySite(),
        registry,
        store,
        renderer: fakeRenderer,
        validate: validateWorkbook,
        siteBaseUrl: 'https://example.test',
        maxUploadBytes: 1024 * 1024,
      },
    );
    expect(outcome.status).toBe('published');
    const pointer = await store.getCurrent('101017', 2023);
    const stored = await store.loadVersion('101017', 2023, pointer?.version ?? '');
    expect(stored?.disclosure.kind).toBe('department');
    expect(outcome.report?.findings.map((f) => f.rule)).not.toContain('P-12');
  });
});
