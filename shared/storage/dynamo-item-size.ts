import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB's item size as the service computes it: UTF-8 bytes of names and strings, numbers by digits, 3 bytes per
 * map or list plus 1 per element. dynalite counts a string's UTF-16 length instead, so an item of Chinese text that
 * DynamoDB refuses (> 400 KB) passes locally; tests and the benchmark measure what production would with this.
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

/**
 * The items a PutItem or BatchWriteItem request puts, read from the request body an SDK middleware sees at
 * `finalizeRequest` (the marshalled JSON, as a string or bytes). Other commands put none.
 */
export function itemsPutBy(commandName: string | undefined, body: unknown): Record<string, AttributeValue>[] {
  const text =
    typeof body === 'string'
      ? body
      : body instanceof Uint8Array
        ? // Buffer.from(view.buffer, …) reads the bytes; Buffer.from(view) would call a string adapter's valueOf.
          Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')
        : '';
  if (!text.startsWith('{')) return [];
  const input = JSON.parse(text) as {
    Item?: Record<string, AttributeValue>;
    RequestItems?: Record<string, { PutRequest?: { Item?: Record<string, AttributeValue> } }[]>;
  };
  const items =
    commandName === 'PutItemCommand'
      ? [input.Item]
      : commandName === 'BatchWriteItemCommand'
        ? Object.values(input.RequestItems ?? {}).flatMap((requests) => requests.map((r) => r.PutRequest?.Item))
        : [];
  return items.filter((i): i is Record<string, AttributeValue> => i !== undefined);
}
