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
