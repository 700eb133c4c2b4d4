import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB's item size as the service computes it (UTF-8 bytes of names and strings; numbers by digits; 3 bytes per
 * map or list plus 1 per element), measured on the marshalled requests a client sends. dynalite counts a string's
 * UTF-16 length instead, so an item of Chinese text that real DynamoDB refuses (> 400 KB) passes locally: this
 * meter sees what production would.
 */
export const DYNAMODB_MAX_ITEM_BYTES = 400 * 1024;

export function attributeValueBytes(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S, 'utf8');
  if (v.N !== undefined) {
    const digits = v.N.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
    return Math.ceil(digits.length / 2) + 1;
  }
  // Binary arrives base64-encoded in the JSON body.
  if (v.B !== undefined) {
    const b = v.B as Uint8Array | string;
    return typeof b === 'string' ? Buffer.from(b, 'base64').length : b.byteLength;
  }
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS !== undefined) return v.SS.reduce((n, s) => n + Buffer.byteLength(s, 'utf8'), 0);
  if (v.NS !== undefined) return v.NS.reduce((n, s) => n + attributeValueBytes({ N: s }), 0);
  if (v.BS !== undefined) return v.BS.reduce((n, b) => n + attributeValueBytes({ B: b }), 0);
  if (v.M !== undefined) {
    return Object.entries(v.M).reduce((n, [k, x]) => n + Buffer.byteLength(k, 'utf8') + attributeValueBytes(x) + 1, 3);
  }
  if (v.L !== undefined) return v.L.reduce((n, x) => n + attributeValueBytes(x) + 1, 3);
  return 0;
}

export function itemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k, 'utf8') + attributeValueBytes(v), 0);
}

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
        const body = (args.request as { body?: unknown }).body;
        // A string, bytes, or (newer SDKs) a string adapter over the bytes.
        // (Buffer.from(view.buffer, …) reads the bytes; Buffer.from(view) would call the adapter's valueOf.)
        const text =
          typeof body === 'string'
            ? body
            : body instanceof Uint8Array
              ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')
              : '';
        if (text.startsWith('{')) {
          const input = JSON.parse(text) as {
            Item?: Record<string, AttributeValue>;
            RequestItems?: Record<string, { PutRequest?: { Item?: Record<string, AttributeValue> } }[]>;
          };
          const record = (item: Record<string, AttributeValue> | undefined) => {
            if (item) this.items.push({ pk: item.pk?.S ?? '', sk: item.sk?.S ?? '', bytes: itemBytes(item) });
          };
          if (WRITES.has(context.commandName ?? '')) this.requests++;
          if (context.commandName === 'PutItemCommand') record(input.Item);
          if (context.commandName === 'BatchWriteItemCommand') {
            for (const requests of Object.values(input.RequestItems ?? {}))
              for (const r of requests) record(r.PutRequest?.Item);
          }
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
