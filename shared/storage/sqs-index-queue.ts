import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { IndexChange, IndexQueue } from '../ports.ts';

/**
 * The index rebuild queue on SQS FIFO: one message group per department-year (`{year}#{department}`) and one per
 * year (`{year}`), so the rebuild function runs one rebuild of an index at a time, in order; content-based
 * deduplication drops a message sent twice (an SDK retry), and every change carries its own counter value, so two
 * changes are never taken for one.
 */
export function indexGroupId(change: IndexChange): string {
  return change.kind === 'department' ? `${change.year}#${change.department}` : `${change.year}`;
}

export function indexMessageBody(change: IndexChange): string {
  return JSON.stringify(change);
}

/** Parses a message body; null for anything that is not an index change (logged and dropped by the caller). */
export function parseIndexChange(body: string): IndexChange | null {
  try {
    const v = JSON.parse(body) as Partial<IndexChange> & Record<string, unknown>;
    if (!Number.isInteger(v.year) || !Number.isInteger(v.change)) return null;
    if (v.kind === 'department' && typeof v.department === 'string' && v.department !== '') {
      return { kind: 'department', year: v.year as number, department: v.department, change: v.change as number };
    }
    if (v.kind === 'year') return { kind: 'year', year: v.year as number, change: v.change as number };
    return null;
  } catch {
    return null;
  }
}

export class SqsIndexQueue implements IndexQueue {
  constructor(
    private readonly queueUrl: string,
    private readonly sqs: SQSClient = new SQSClient({}),
  ) {}

  async send(changes: readonly IndexChange[]): Promise<void> {
    for (let from = 0; from < changes.length; from += 10) {
      const batch = changes.slice(from, from + 10);
      const r = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((change, i) => ({
            Id: String(i),
            MessageBody: indexMessageBody(change),
            MessageGroupId: indexGroupId(change),
          })),
        }),
      );
      if (r.Failed && r.Failed.length > 0) {
        const first = r.Failed[0];
        throw new Error(`SQS refused ${r.Failed.length} index changes (${first?.Code}: ${first?.Message})`);
      }
    }
  }
}
