import { Logger } from '@aws-lambda-powertools/logger';
import { ChangeMessageVisibilityCommand, SQSClient } from '@aws-sdk/client-sqs';
import { loadRebuildConfig } from '../../shared/config.ts';
import { handleIndexChange, type RebuildDeps, type RebuildOutcome } from '../../shared/ingest/rebuild-indexes.ts';
import { type Logger as LoggerPort, silentLogger } from '../../shared/log.ts';
import { parseIndexChange } from '../../shared/storage/sqs-index-queue.ts';
import { awsRebuildDeps } from '../compose-aws.ts';
import { loggerPort } from '../ingest/observability.ts';
import type { SqsBatchResponse, SqsEvent, SqsRecord } from '../sqs-event.ts';

/**
 * The index rebuild function: SQS FIFO (one message group per department-year, one per year) → rebuild the index
 * pages the message names, unless a rebuild already covered its change (see shared/ingest/rebuild-indexes.ts).
 *
 * FIFO and partial batch responses: once a message fails, it and every message after it in the batch are reported
 * failed (a later message of its group must not overtake it). A year page rebuilt less than a minute ago is not
 * rebuilt again yet: its message is made invisible until the minute is over (ChangeMessageVisibility) and reported
 * failed, which holds its group (no other year message passes it) and counts one receive.
 */

export interface IndexBatchResult {
  response: SqsBatchResponse;
  outcomes: RebuildOutcome[];
  /** Failed messages to make visible again after this many ms (a throttled year rebuild). */
  delays: Map<string, number>;
}

export async function handleIndexMessages(
  records: readonly Pick<SqsRecord, 'messageId' | 'body'>[],
  deps: RebuildDeps,
): Promise<IndexBatchResult> {
  const log = deps.log ?? silentLogger;
  const outcomes: RebuildOutcome[] = [];
  const failures: string[] = [];
  const delays = new Map<string, number>();
  for (const record of records) {
    if (failures.length > 0) {
      failures.push(record.messageId);
      continue;
    }
    const change = parseIndexChange(record.body);
    if (change === null) {
      log.warn('message is not an index change; dropped', {
        messageId: record.messageId,
        body: record.body.slice(0, 200),
      });
      continue;
    }
    try {
      const outcome = await handleIndexChange(deps, change);
      outcomes.push(outcome);
      if (outcome.status === 'later') {
        delays.set(record.messageId, outcome.retryAfterMs);
        failures.push(record.messageId);
      }
    } catch (error) {
      log.error('index rebuild failed; message will be retried', {
        ...change,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      failures.push(record.messageId);
    }
  }
  return { response: { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) }, outcomes, delays };
}

export function createIndexHandler(
  makeDeps: (log: LoggerPort) => RebuildDeps & { queueUrl: string },
  logger: Logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'gongkai-index' }),
  sqs: SQSClient = new SQSClient({}),
): (event: SqsEvent, context: { awsRequestId: string }) => Promise<SqsBatchResponse> {
  const log = loggerPort(logger);
  let deps: (RebuildDeps & { queueUrl: string }) | undefined;
  return async (event, context) => {
    logger.appendKeys({ function_request_id: context.awsRequestId });
    const ready = deps ?? makeDeps(log);
    deps = ready;
    const result = await handleIndexMessages(event.Records, ready);
    const handles = new Map(event.Records.map((r) => [r.messageId, r.receiptHandle]));
    for (const [messageId, ms] of result.delays) {
      const ReceiptHandle = handles.get(messageId);
      if (!ReceiptHandle) continue;
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: ready.queueUrl,
          ReceiptHandle,
          VisibilityTimeout: Math.min(43_200, Math.ceil(ms / 1000)),
        }),
      );
    }
    return result.response;
  };
}

export const handler = createIndexHandler((log) => {
  const config = loadRebuildConfig();
  return { ...awsRebuildDeps(config, log), queueUrl: config.indexQueueUrl };
});
