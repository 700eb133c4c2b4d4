import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { IngestDeps } from '../../shared/ingest/ingest-upload.ts';
import { DYNAMODB_MAX_ITEM_BYTES, itemBytes, itemsPutBy } from '../../shared/storage/dynamo-item-size.ts';
import { DynamoDisclosureStore, documentClient } from '../../shared/storage/dynamo-store.ts';

/**
 * DynamoDB refuses an item above 400 KB, counting attribute names and string values in UTF-8 bytes. dynalite counts
 * UTF-16 code units instead, so Chinese text that production refuses passes locally. This client enforces the
 * service's rule (shared/storage/dynamo-item-size.ts) on every PutItem / BatchWriteItem, so the embedded stack fails
 * where AWS would.
 */
export const MAX_ITEM_BYTES = DYNAMODB_MAX_ITEM_BYTES;

/** A DynamoDB client that throws DynamoDB's ValidationException for an item over 400 KB; records the largest. */
export function strictSizeClient(): { client: DynamoDBClient; largest: () => number } {
  const client = new DynamoDBClient({});
  let largest = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      for (const item of itemsPutBy(context.commandName, (args.request as { body?: unknown }).body)) {
        const bytes = itemBytes(item);
        largest = Math.max(largest, bytes);
        if (bytes > MAX_ITEM_BYTES) {
          const error = new Error('Item size has exceeded the maximum allowed size');
          error.name = 'ValidationException';
          throw error;
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
