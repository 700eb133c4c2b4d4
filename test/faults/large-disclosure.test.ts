import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedStack, LOCAL_NAMES, startEmbeddedStack } from '../../infra/local/embedded-stack.ts';
import { disclosureToJson } from '../../shared/disclosure/serialize.ts';
import type { StoredVersion } from '../../shared/ports.ts';
import { DynamoDisclosureStore, DynamoUnitRegistry, documentClient } from '../../shared/storage/dynamo-store.ts';
import { emptySupplement } from '../../shared/supplement/model.ts';
import { editWorkbook, loadSeed, SEED_SHEETS, seedBytes } from '../helpers/seed.ts';
import { CORPUS } from '../hostile/corpus.ts';
import { UNIT } from '../hostile/memory-env.ts';
import { MAX_ITEM_BYTES, strictSizeClient, withStrictItemSize } from './dynamodb-item-limit.ts';
import { dataJsonTotal, getObjectText, httpGet, putUpload } from './stack-helpers.ts';

/**
 * Accepted workbooks whose stored form is larger than one DynamoDB item (400 KB, counted in UTF-8 as the service
 * does): long free text, long row names. They must be published like any other — never retried into the dead-letter
 * queue without a report because the store could not hold them.
 */

let dataDir: string;
let stack: EmbeddedStack;
let largest: () => number = () => 0;

/** `n` random CJK ideographs (compress about as badly as prose, so the package limits let them through). */
function randomCjk(n: number): string {
  const bytes = randomBytes(n * 2);
  let out = '';
  for (let i = 0; i < n; i++) out += String.fromCharCode(0x4e00 + (bytes.readUInt16LE(i * 2) % 0x5000));
  return out;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gongkai-large-'));
  stack = await startEmbeddedStack({
    dataDir,
    customizeDeps: (deps) => {
      const strict = strictSizeClient();
      largest = strict.largest;
      return withStrictItemSize(deps, LOCAL_NAMES.tableName, strict.client);
    },
  });
  await new DynamoUnitRegistry(stack.tableName).put(UNIT);
});

afterAll(async () => {
  await stack?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function publish(name: string, bytes: Uint8Array) {
  const before = stack.outcomes.length;
  await putUpload(stack, `uploads/${UNIT.code}/2023/${name}.xlsx`, bytes);
  await stack.idle();
  return stack.outcomes.slice(before);
}

describe('disclosures larger than one DynamoDB item', () => {
  it.each([
    ['x', 'uparts1'],
    ['xx', 'uparts2'],
  ])('a version split into parts reads back exactly (emoji run after %j)', async (prefix, id) => {
    const strict = strictSizeClient();
    const doc = documentClient(strict.client);
    const store = new DynamoDisclosureStore(stack.tableName, doc);
    const { disclosure } = await loadSeed();
    const supplement = emptySupplement();
    // 😀 is two UTF-16 code units; the two prefixes shift the run by one, so in one of the two versions the part
    // boundaries fall between the halves of a pair.
    supplement.profile.duties = `${prefix}${'😀'.repeat(160_000)}`;
    supplement.profile.organization = `${'机构'.repeat(200_000)}${randomCjk(50_000)}`;
    const version: StoredVersion = {
      unit: { code: 'PARTS', name: '分片单位', department: null },
      year: 2023,
      version: id,
      disclosure,
      supplement,
      findings: [],
    };
    await store.saveVersion(version);
    await store.saveVersion(version); // a retry rewrites the same parts
    expect(strict.largest()).toBeLessThanOrEqual(MAX_ITEM_BYTES);
    const raw = await doc.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': 'UY#PARTS#2023', ':v': `V#${id}#` },
      }),
    );
    const chunks = (raw.Items ?? []).map((i) => i.chunk).filter((c): c is string => typeof c === 'string');
    expect(chunks.length).toBeGreaterThan(3);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    expect(chunks.filter((c) => loneSurrogate.test(c))).toEqual([]);
    const back = await store.loadVersion('PARTS', 2023, id);
    expect(back?.supplement).toEqual(supplement);
    expect(back && disclosureToJson(back.disclosure)).toBe(disclosureToJson(disclosure));
  });

  it('1 MB of free text in 单位概况 is published and read back whole', async () => {
    const bytes = await CORPUS.find((c) => c.id === 'long-free-text-1mb')?.build();
    if (!bytes) throw new Error('case missing');
    const outcomes = await publish('long-text', bytes);
    expect(stack.deadLetters).toEqual([]);
    expect(outcomes.map((o) => o.status)).toEqual(['published']);
    expect(largest()).toBeLessThanOrEqual(MAX_ITEM_BYTES);
    const stored = await new DynamoDisclosureStore(stack.tableName).loadVersion(
      UNIT.code,
      2023,
      outcomes[0]?.uploadId ?? '',
    );
    expect(stored?.supplement?.profile.duties?.length).toBeGreaterThan(300_000);
    const page = await httpGet(stack, `/2023/${UNIT.code}/`);
    expect(page.status).toBe(200);
    expect(page.body.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('row names of 12,000 characters (within Excel’s 32,767) in three tables are published', async () => {
    const bytes = await editWorkbook(await seedBytes(), (wb) => {
      for (const id of ['T2', 'T3', 'T5'] as const) {
        const ws = wb.getWorksheet(SEED_SHEETS[id]);
        for (let r = 8; r <= 22; r++) {
          const cell = ws?.getCell(`D${r}`);
          if (cell) cell.value = `${String(cell.value)}${randomCjk(12_000)}`;
        }
      }
    });
    const outcomes = await publish('long-names', bytes);
    expect(stack.deadLetters).toEqual([]);
    expect(outcomes.map((o) => o.status)).toEqual(['published']);
    const report = JSON.parse((await getObjectText(stack.uploadBucket, `${outcomes[0]?.reportPath}.json`)) ?? '{}');
    expect(report.outcome).toBe('published');
    const data = await httpGet(stack, `/2023/${UNIT.code}/data.json`);
    expect(dataJsonTotal(data.body)).toBe('635.55');
    expect(largest()).toBeLessThanOrEqual(MAX_ITEM_BYTES);
  });
});
