import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type DisclosureKind, TABLE_IDS } from '../disclosure/model.ts';
import { type StoredTable, tableFromStored, tableToStored } from '../disclosure/serialize.ts';
import type {
  CurrentPointer,
  DepartmentBuild,
  DisclosureStore,
  IndexState,
  RegisteredUnit,
  StoredVersion,
  Submission,
  UnitRegistry,
} from '../ports.ts';
import type { CatalogEntry, DepartmentSummary } from '../site/site-model.ts';
import { keys } from './table-schema.ts';

/**
 * DynamoDB adapters for the registry and the disclosure store. The client is a parameter (with a default), so
 * local runs differ only by AWS_ENDPOINT_URL_DYNAMODB. No transactions (dynalite has none): a version's items are
 * written first, then one conditional write on the pointer publishes it.
 */
export function documentClient(client: DynamoDBClient = new DynamoDBClient({})): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export type Item = Record<string, unknown>;

/** Every item of a query, page by page, strongly consistent. */
export async function queryAll(doc: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    // Strongly consistent: the pipeline re-reads listings right after writing to decide whether a publication settled,
    // and an eventually consistent read could miss another unit's write (dynalite is always consistent, DynamoDB not).
    const page = await doc.send(new QueryCommand({ ConsistentRead: true, ...input, ExclusiveStartKey }));
    items.push(...((page.Items ?? []) as Item[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** An item without its table keys (pk, sk): the stored record as the ports know it. */
export function strip<T>(item: Item | undefined): T | null {
  if (!item) return null;
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}

/**
 * DynamoDB refuses items above 400 KB (counted in UTF-8), and an accepted workbook can exceed that: free text of any
 * length, tables of up to 3,000 rows. A version item whose JSON is larger than PART_BYTES (a safe bound of its
 * DynamoDB size) is therefore written as numbered part items `{sk}#P#0000…` holding slices of that JSON; they sort
 * under the version's prefix, so the one query that loads a version reads them too. Small items keep their shape.
 */
const PART_BYTES = 300 * 1024;
/** UTF-16 code units per part: at most 3 UTF-8 bytes each, so a part stays under PART_BYTES. */
const PART_UNITS = 100_000;
const PART_SUFFIX = /#P#(\d{4})$/;

function itemOrParts(pk: string, sk: string, body: Item): Item[] {
  const json = JSON.stringify(body);
  if (Buffer.byteLength(json, 'utf8') <= PART_BYTES) return [{ pk, sk, ...body }];
  const chunks: string[] = [];
  for (let from = 0; from < json.length; ) {
    let to = Math.min(json.length, from + PART_UNITS);
    // Never split a surrogate pair: a lone half would not survive UTF-8.
    const last = json.charCodeAt(to - 1);
    if (to < json.length && last >= 0xd800 && last <= 0xdbff) to--;
    chunks.push(json.slice(from, to));
    from = to;
  }
  if (chunks.length > 9999) throw new Error(`version item ${sk} is too large to store (${json.length} characters)`);
  return chunks.map((chunk, i) => ({
    pk,
    sk: `${sk}#P#${String(i).padStart(4, '0')}`,
    part: i,
    parts: chunks.length,
    chunk,
  }));
}

/** Reassembles part items into the items they were split from (other items pass through). */
function joinParts(items: readonly Item[]): Item[] {
  const whole: Item[] = [];
  const split = new Map<string, Item[]>();
  for (const item of items) {
    const sk = String(item.sk);
    const m = PART_SUFFIX.exec(sk);
    if (!m) whole.push(item);
    else {
      const base = sk.slice(0, m.index);
      split.set(base, [...(split.get(base) ?? []), item]);
    }
  }
  for (const [sk, parts] of split) {
    parts.sort((a, b) => Number(a.part) - Number(b.part));
    if (parts.length !== Number(parts[0]?.parts)) {
      throw new Error(`version item ${sk} has ${parts.length} of ${String(parts[0]?.parts)} parts`);
    }
    whole.push({ pk: parts[0]?.pk, sk, ...(JSON.parse(parts.map((p) => String(p.chunk)).join('')) as Item) });
  }
  return whole;
}

export class DynamoUnitRegistry implements UnitRegistry {
  constructor(
    private readonly tableName: string,
    private readonly doc: DynamoDBDocumentClient = documentClient(),
  ) {}

  async get(code: string): Promise<RegisteredUnit | null> {
    const r = await this.doc.send(
      // Consistent: an upload right after `units add` must find the unit.
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: keys.registry(), sk: keys.unit(code) },
        ConsistentRead: true,
      }),
    );
    return strip<RegisteredUnit>(r.Item);
  }

  async put(unit: RegisteredUnit): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.tableName, Item: { pk: keys.registry(), sk: keys.unit(unit.code), ...unit } }),
    );
  }

  async list(): Promise<RegisteredUnit[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.registry() },
    });
    return items.map((i) => strip<RegisteredUnit>(i) as RegisteredUnit);
  }

  async remove(code: string): Promise<boolean> {
    const r = await this.doc.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: keys.registry(), sk: keys.unit(code) },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return r.Attributes !== undefined;
  }
}

interface TableItem {
  table: StoredTable;
}
interface MetaItem {
  unit: StoredVersion['unit'];
  year: number;
  version: string;
  unitName: string | null;
  disclosureYear: number | null;
  /** 部门决算 / 单位决算 as resolved at validation (the registry's kind wins over the titles'); absent on old items. */
  disclosureKind?: DisclosureKind | null;
  supplement: string | null;
  findings: string;
}

export class DynamoDisclosureStore implements DisclosureStore {
  constructor(
    private readonly tableName: string,
    private readonly doc: DynamoDBDocumentClient = documentClient(),
  ) {}

  private async get<T>(pk: string, sk: string): Promise<T | null> {
    const r = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }));
    return strip<T>(r.Item);
  }

  private async put(pk: string, sk: string, body: object): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { pk, sk, ...body } }));
  }

  getSubmission(unitCode: string, year: number, uploadId: string): Promise<Submission | null> {
    return this.get<Submission>(keys.unitYear(unitCode, year), keys.submission(uploadId));
  }

  putSubmission(s: Submission): Promise<void> {
    return this.put(keys.unitYear(s.unitCode, s.year), keys.submission(s.uploadId), s);
  }

  async claimSubmission(s: Submission): Promise<Submission | null> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: keys.unitYear(s.unitCode, s.year), sk: keys.submission(s.uploadId), ...s },
          ConditionExpression: 'attribute_not_exists(pk) OR objectId = :object',
          ExpressionAttributeValues: { ':object': s.objectId ?? '' },
        }),
      );
      return null;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const holder = await this.getSubmission(s.unitCode, s.year, s.uploadId);
      // Gone meanwhile (never happens: submissions are not deleted): let the caller retry the claim.
      if (holder === null) throw new Error(`submission ${s.uploadId} changed while claiming it (will be retried)`);
      return holder;
    }
  }

  async listSubmissions(unitCode: string, year: number): Promise<Submission[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sub)',
      ExpressionAttributeValues: { ':pk': keys.unitYear(unitCode, year), ':sub': 'SUB#' },
    });
    return items.map((i) => strip<Submission>(i) as Submission);
  }

  async saveVersion(v: StoredVersion): Promise<void> {
    const pk = keys.unitYear(v.unit.code, v.year);
    const meta: MetaItem = {
      unit: v.unit,
      year: v.year,
      version: v.version,
      unitName: v.disclosure.unitName,
      disclosureYear: v.disclosure.year,
      disclosureKind: v.disclosure.kind ?? null,
      supplement: v.supplement === null ? null : JSON.stringify(v.supplement),
      findings: JSON.stringify(v.findings),
    };
    const items: Item[] = [...itemOrParts(pk, keys.versionMeta(v.version), { ...meta })];
    for (const id of TABLE_IDS) {
      const t = v.disclosure.tables[id];
      if (t) items.push(...itemOrParts(pk, keys.versionTable(v.version, id), { table: tableToStored(t) }));
    }
    // BatchWrite takes at most 25 items per call; unprocessed items are retried.
    for (let from = 0; from < items.length; from += 25) {
      let pending = items.slice(from, from + 25).map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 8) throw new Error(`DynamoDB did not accept ${pending.length} version items after retries`);
        const r = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }));
        pending = (r.UnprocessedItems?.[this.tableName] ?? []) as typeof pending;
        if (pending.length > 0) await new Promise((res) => setTimeout(res, 20 * 2 ** attempt));
      }
    }
  }

  async loadVersion(unitCode: string, year: number, version: string): Promise<StoredVersion | null> {
    const items = joinParts(
      await queryAll(this.doc, {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':pk': keys.unitYear(unitCode, year), ':v': keys.versionPrefix(version) },
        ConsistentRead: true,
      }),
    );
    const meta = items.find((i) => String(i.sk).endsWith('#META')) as (MetaItem & Item) | undefined;
    if (!meta) return null;
    const tables: StoredVersion['disclosure']['tables'] = {};
    for (const i of items) {
      const t = (i as unknown as TableItem).table;
      if (t) tables[t.id] = tableFromStored(t);
    }
    return {
      unit: meta.unit,
      year: meta.year,
      version: meta.version,
      disclosure: {
        unitName: meta.unitName,
        year: meta.disclosureYear,
        ...(meta.disclosureKind ? { kind: meta.disclosureKind } : {}),
        tables,
      },
      supplement: meta.supplement === null ? null : JSON.parse(meta.supplement),
      findings: JSON.parse(meta.findings),
    };
  }

  getCurrent(unitCode: string, year: number): Promise<CurrentPointer | null> {
    return this.get<CurrentPointer>(keys.unitYear(unitCode, year), keys.current());
  }

  async setCurrent(
    unitCode: string,
    year: number,
    next: CurrentPointer,
    expected: CurrentPointer | null,
  ): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: keys.unitYear(unitCode, year), sk: keys.current(), ...next },
          ...(expected === null
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: '#version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expected.version },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async putCatalogEntry(
    entry: CatalogEntry,
    departmentSlug: string,
    previousSlug: string | null = null,
  ): Promise<void> {
    const moved = previousSlug !== null && previousSlug !== departmentSlug;
    await Promise.all([
      this.put(keys.departmentYear(entry.year, departmentSlug), keys.unit(entry.unit.code), entry),
      this.put(keys.unitPublications(entry.unit.code), keys.year(entry.year), entry),
      ...(moved
        ? [
            this.put(keys.departmentYear(entry.year, previousSlug), keys.unit(entry.unit.code), {
              movedTo: departmentSlug,
            }),
          ]
        : []),
    ]);
  }

  async listDepartmentEntries(year: number, departmentSlug: string): Promise<CatalogEntry[]> {
    const entries: CatalogEntry[] = [];
    let cursor: string | null = null;
    do {
      const page = await this.listDepartmentEntriesPage(year, departmentSlug, cursor, 1000);
      entries.push(...page.entries);
      cursor = page.next;
    } while (cursor !== null);
    return entries;
  }

  async listDepartmentEntriesPage(
    year: number,
    departmentSlug: string,
    cursor: string | null,
    limit: number,
  ): Promise<{ entries: CatalogEntry[]; next: string | null }> {
    const pk = keys.departmentYear(year, departmentSlug);
    // Strongly consistent: a rebuild reads the change counter, then this listing; every entry written before the
    // counter moved must be in it, or the rebuild would mark that change covered while its page lacks the unit.
    const page = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :unit)',
        ExpressionAttributeValues: { ':pk': pk, ':unit': keys.unit('') },
        Limit: limit,
        ConsistentRead: true,
        ...(cursor ? { ExclusiveStartKey: { pk, sk: cursor } } : {}),
      }),
    );
    // Tombstones ({ movedTo }) mark units that moved to another department.
    const entries = ((page.Items ?? []) as Item[])
      .filter((i) => !('movedTo' in i))
      .map((i) => strip<CatalogEntry>(i) as CatalogEntry);
    const last = page.LastEvaluatedKey?.sk;
    return { entries, next: typeof last === 'string' ? last : null };
  }

  async listUnitEntries(unitCode: string): Promise<CatalogEntry[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.unitPublications(unitCode) },
    });
    return items.map((i) => strip<CatalogEntry>(i) as CatalogEntry);
  }

  putDepartmentSummary(year: number, summary: DepartmentSummary): Promise<void> {
    return this.put(keys.yearPartition(year), keys.department(summary.slug), summary);
  }

  async listDepartmentSummaries(year: number): Promise<DepartmentSummary[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)',
      ExpressionAttributeValues: { ':pk': keys.yearPartition(year), ':d': 'DEPT#' },
    });
    return items.map((i) => strip<DepartmentSummary>(i) as DepartmentSummary);
  }

  putYearSummary(year: number, unitCount: number): Promise<void> {
    return this.put(keys.years(), keys.year(year), { year, unitCount });
  }

  async listYearSummaries(): Promise<{ year: number; unitCount: number }[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.years() },
    });
    return items.map((i) => strip<{ year: number; unitCount: number }>(i) as { year: number; unitCount: number });
  }

  async takePublishLease(
    unitCode: string,
    year: number,
    owner: string,
    untilMs: number,
    nowMs: number,
  ): Promise<{ taken: boolean; lastWritten: string | null }> {
    const Key = { pk: keys.unitYear(unitCode, year), sk: keys.publishLease() };
    try {
      const r = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: 'SET #owner = :owner, #until = :until',
          ConditionExpression: 'attribute_not_exists(pk) OR #until < :now OR #owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner', '#until': 'until' },
          ExpressionAttributeValues: { ':owner': owner, ':until': untilMs, ':now': nowMs },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const last = r.Attributes?.lastWritten;
      return { taken: true, lastWritten: typeof last === 'string' ? last : null };
    } catch (error) {
      if (isConditionFailure(error)) return { taken: false, lastWritten: null };
      throw error;
    }
  }

  async releasePublishLease(unitCode: string, year: number, owner: string, lastWritten: string | null): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: keys.unitYear(unitCode, year), sk: keys.publishLease() },
          UpdateExpression: 'SET #until = :zero, lastWritten = :last',
          ConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': 'owner', '#until': 'until' },
          ExpressionAttributeValues: { ':owner': owner, ':zero': 0, ':last': lastWritten },
        }),
      );
    } catch (error) {
      // Taken over after it expired: the new holder writes and verifies itself.
      if (!isConditionFailure(error)) throw error;
    }
  }

  private async addChange(pk: string): Promise<number> {
    const r = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk, sk: keys.indexState() },
        UpdateExpression: 'ADD changes :one',
        ExpressionAttributeValues: { ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(r.Attributes?.changes ?? 0);
  }

  private async indexState(pk: string): Promise<IndexState> {
    const item = await this.get<Partial<IndexState>>(pk, keys.indexState());
    return {
      changes: Number(item?.changes ?? 0),
      built: Number(item?.built ?? 0),
      builtAt: item?.builtAt ?? null,
      pages: Number(item?.pages ?? 0),
      units: Number(item?.units ?? 0),
      name: item?.name ?? null,
    };
  }

  private async markBuilt(pk: string, built: number, set: Record<string, unknown>): Promise<void> {
    const names = Object.keys(set);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk, sk: keys.indexState() },
          UpdateExpression: `SET built = :built, ${names.map((n) => `#${n} = :${n}`).join(', ')}`,
          ConditionExpression: 'attribute_not_exists(built) OR built <= :built',
          ExpressionAttributeNames: Object.fromEntries(names.map((n) => [`#${n}`, n])),
          ExpressionAttributeValues: {
            ':built': built,
            ...Object.fromEntries(names.map((n) => [`:${n}`, set[n]])),
          },
        }),
      );
    } catch (error) {
      // A rebuild that read a later counter finished first: it covers this one.
      if (!isConditionFailure(error)) throw error;
    }
  }

  recordDepartmentChange(year: number, departmentSlug: string): Promise<number> {
    return this.addChange(keys.departmentIndex(year, departmentSlug));
  }

  departmentIndexState(year: number, departmentSlug: string): Promise<IndexState> {
    return this.indexState(keys.departmentIndex(year, departmentSlug));
  }

  markDepartmentBuilt(year: number, departmentSlug: string, build: DepartmentBuild): Promise<void> {
    const { built, at, ...rest } = build;
    return this.markBuilt(keys.departmentIndex(year, departmentSlug), built, { ...rest, builtAt: at });
  }

  recordYearChange(year: number): Promise<number> {
    return this.addChange(keys.yearIndex(year));
  }

  yearIndexState(year: number): Promise<IndexState> {
    return this.indexState(keys.yearIndex(year));
  }

  markYearBuilt(year: number, built: number, at: string): Promise<void> {
    return this.markBuilt(keys.yearIndex(year), built, { builtAt: at });
  }
}

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException || (error as Error).name === 'ConditionalCheckFailedException'
  );
}
