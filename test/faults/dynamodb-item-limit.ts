import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { IngestDeps } from '../../shared/ingest/ingest-upload.ts';
import { DynamoDisclosureStore, documentClient } from '../../shared/storage/dynamo-store.ts';

/**
 * DynamoDB refuses an item above 400 KB, counting attribute names and string values in UTF-8 bytes. dynalite counts
 * UTF-16 code units instead, so Chinese text that production refuses passes locally. This client enforces the
 * service's rule on every PutItem / BatchWriteItem, so the embedded stack fails where AWS would.
 */
export const MAX_ITEM_BYTES = 400 * 1024;

function valueBytes(v: AttributeValue): number {
  if (v.S !== undefined) return Buffer.byteLength(v.S, 'utf8');
  if (v.N !== undefined) return Math.ceil(v.N.replace(/[-.]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (v.B !== undefined) {
    // Binary arrives base64-encoded in the request body.
    const b = v.B as Uint8Array | string;
    return typeof b === 'string' ? Buffer.from(b, 'base64').length : b.byteLength;
  }
  if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
  if (v.SS !== undefined) return v.SS.reduce((n, s) => n + Buffer.byteLength(s, 'utf8'), 0);
  if (v.M !== undefined) {
    return Object.entries(v.M).reduce((n, [k, x]) => n + Buffer.byteLength(k, 'utf8') + valueBytes(x) + 1, 3);
  }
  if (v.L !== undefined) return v.L.reduce((n, x) => n + valueBytes(x) + 1, 3);
  return 0;
}

export function itemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce((n, [k, v]) => n + Buffer.byteLength(k, 'utf8') + valueBytes(v), 0);
}

/** A DynamoDB client that throws DynamoDB's ValidationException for an item over 400 KB; records the largest. */
export function strictSizeClient(): { client: DynamoDBClient; largest: () => number } {
  const client = new DynamoDBClient({});
  let largest = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const body = (args.request as { body?: unknown }).body;
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
        const items =
          context.commandName === 'PutItemCommand'
            ? [input.Item]
            : context.commandName === 'BatchWriteItemCommand'
              ? Object.values(input.RequestItems ?? {}).flatMap((rs) => rs.map((r) => r.PutRequest?.Item))
              : [];
        for (const item of items) {
          if (!item) continue;
          const bytes = itemBytes(item);
          largest = Math.max(largest, bytes);
          if (bytes > MAX_ITEM_BYTES) {
            const error = new Error('Item size has exceeded the maximum allowed size');
            error.name = 'ValidationException';
            throw error;
          }
        }
      }
      return next(args);
    },
    { step: 'finalizeRequest', name: 'strictItemSize' },
  );
  return { client, largest: () => largest };
}

/** The ingest dependencies with the disclosure store on a size-enforcing client. */
export function withStrictItemSize(deps: IngestDeps, tableName: string, client: DynamoDBClient): IngestDeps {
  return { ...deps, store: new DynamoDisclosureStore(tableName, documentClient(client)) };
}
