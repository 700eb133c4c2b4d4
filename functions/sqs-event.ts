/** The part of an SQS event (Lambda event source mapping) the functions read, and the partial batch response. */
export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: { ApproximateReceiveCount?: string; MessageGroupId?: string; [name: string]: string | undefined };
  eventSource: 'aws:sqs';
  eventSourceARN: string;
}

export interface SqsEvent {
  Records: SqsRecord[];
}

/** `ReportBatchItemFailures`: only these messages are retried; the others are deleted. */
export interface SqsBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

export function isSqsEvent(event: unknown): event is SqsEvent {
  const first = (event as { Records?: { eventSource?: string }[] } | null)?.Records?.[0];
  return first?.eventSource === 'aws:sqs';
}
