import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { itemBytes, itemsPutBy } from '../shared/storage/dynamo-item-size.ts';

export { DYNAMODB_MAX_ITEM_BYTES } from '../shared/storage/dynamo-item-size.ts';

const WRITES = new Set(['PutItemCommand', 'BatchWriteItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);

export interface WrittenItem {
  pk: string;
  sk: string;
  bytes: number;
}

/**
 * Records every item a client writes (PutItem, BatchWriteItem puts) with its DynamoDB size, and counts write
 * requests — the ground truth of how many items an upload writes, whatever the adapter does (e.g. split items).
 */
export class ItemSizeMeter {
  items: WrittenItem[] = [];
  requests = 0;

  attach(client: DynamoDBClient): void {
    // At finalizeRequest the body is the JSON the service receives: the marshalled items, whatever layer built them.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (WRITES.has(context.commandName ?? '')) this.requests++;
        for (const item of itemsPutBy(context.commandName, (args.request as { body?: unknown }).body)) {
          this.items.push({ pk: item.pk?.S ?? '', sk: item.sk?.S ?? '', bytes: itemBytes(item) });
        }
        return next(args);
      },
      { step: 'finalizeRequest', name: 'benchItemSizeMeter' },
    );
  }

  /** Items and write requests since the last call, and the largest item; then starts again. */
  take(): { items: number; requests: number; largest: WrittenItem | null } {
    const largest = this.items.reduce<WrittenItem | null>((a, b) => (a === null || b.bytes > a.bytes ? b : a), null);
    const taken = { items: this.items.length, requests: this.requests, largest };
    this.items = [];
    this.requests = 0;
    return taken;
  }
}

/**
 * DynamoDB read capacity units of every read a client makes, computed as DynamoDB bills them from the items returned
 * (the emulator reports no consumed capacity): GetItem `ceil(bytes / 4 KB)` (at least 1), Query the sum of the items'
 * sizes rounded up to 4 KB (at least 1); eventually consistent reads cost half.
 */
export class ReadCapacityMeter {
  units = 0;
  reads = 0;

  attach(client: DynamoDBClient): void {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const name = context.commandName ?? '';
        if (name !== 'GetItemCommand' && name !== 'QueryCommand' && name !== 'BatchGetItemCommand') return result;
        const input = args.input as { ConsistentRead?: boolean };
        const output = result.output as
          | { Item?: Record<string, unknown>; Items?: Record<string, unknown>[] }
          | undefined;
        const items = output?.Item ? [output.Item] : (output?.Items ?? []);
        const bytes = items.reduce((n: number, item) => n + anyItemBytes(item), 0);
        const units = Math.max(1, Math.ceil(bytes / 4096));
        this.units += input.ConsistentRead ? units : units / 2;
        this.reads++;
        return result;
      },
      // At the deserialize step the output holds the marshalled items, as the service returned them.
      { step: 'deserialize', name: 'benchReadCapacityMeter', priority: 'high' },
    );
  }

  /** Read capacity units and read requests since the last call; then starts again. */
  take(): { units: number; reads: number } {
    const taken = { units: this.units, reads: this.reads };
    this.units = 0;
    this.reads = 0;
    return taken;
  }
}

const AV_KEYS = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'M', 'L']);

/** An item's DynamoDB size, whether the middleware sees it marshalled (AttributeValue) or as plain values. */
function anyItemBytes(item: Record<string, unknown>): number {
  const values = Object.values(item);
  const marshalled =
    values.length > 0 &&
    values.every(
      (v) => v !== null && typeof v === 'object' && Object.keys(v).length === 1 && AV_KEYS.has(Object.keys(v)[0] ?? ''),
    );
  if (marshalled) return itemBytes(item as Parameters<typeof itemBytes>[0]);
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k, 'utf8') + plainBytes(v), 0);
}

function plainBytes(v: unknown): number {
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (typeof v === 'number') return Math.ceil(String(Math.abs(v)).replace('.', '').length / 2) + 1;
  if (typeof v === 'boolean' || v === null || v === undefined) return 1;
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Set) return [...v].reduce((n: number, x) => n + plainBytes(x), 0);
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + plainBytes(x) + 1, 3);
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>).reduce(
      (n, [k, x]) => n + Buffer.byteLength(k, 'utf8') + plainBytes(x) + 1,
      3,
    );
  }
  return 0;
}
