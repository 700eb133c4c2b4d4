import { createHash, randomUUID } from 'node:crypto';

/**
 * An SQS queue and its Lambda event source mapping, in-process, for the embedded stack: the semantics the deployed
 * pipeline relies on, without AWS.
 *
 * - At-least-once: a message is deleted only when its batch reports it done; a failed message (in the batch's
 *   `batchItemFailures`, or every message of a batch whose handler threw) becomes visible again after the
 *   visibility timeout (or the delay the handler asked for: ChangeMessageVisibility) and is received again.
 * - Redrive: a message received `maxReceiveCount` times and failed again goes to the dead-letter handler.
 * - Batches of at most `batchSize`, at most `maxConcurrency` batches in flight (the mapping's maximum concurrency).
 * - FIFO (`fifo: true`): messages carry a group id; a group's messages are received in order and never two batches
 *   of one group at a time (the group is locked while a batch holding it is in flight, and while its head message
 *   is invisible after a failure); content-based deduplication drops a body sent again within the window.
 */
export interface QueueMessage {
  messageId: string;
  body: string;
  groupId: string | null;
  /** How many times it has been received, this time included (SQS ApproximateReceiveCount). */
  receiveCount: number;
  sentAt: number;
}

export interface BatchResult {
  /** Message ids that failed (partial batch response). */
  failures: string[];
  /** Failed messages that should become visible after this many ms instead of the visibility timeout. */
  delays?: Map<string, number>;
}

export interface LocalQueueOptions {
  name: string;
  fifo?: boolean;
  batchSize: number;
  maxConcurrency: number;
  /** Visibility timeout after a failed receive, in ms (may grow with the receive count). */
  visibilityTimeoutMs: (receiveCount: number) => number;
  maxReceiveCount: number;
  /** Content-based deduplication window (FIFO), ms; SQS: 5 minutes. */
  deduplicationWindowMs?: number;
  handler: (messages: QueueMessage[]) => Promise<BatchResult>;
  deadLetter: (message: QueueMessage, error: string) => Promise<void>;
  onError?: (error: unknown) => void;
}

interface Stored extends QueueMessage {
  visibleAt: number;
  lastError: string;
}

export class LocalQueue {
  private readonly messages: Stored[] = [];
  private readonly lockedGroups = new Set<string>();
  private readonly dedup = new Map<string, number>();
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private waiters: (() => void)[] = [];
  private closed = false;
  /** Messages sent, received (deliveries), deleted, dead-lettered, dropped as duplicates. */
  readonly stats = { sent: 0, received: 0, deleted: 0, deadLettered: 0, deduplicated: 0, maxInFlight: 0 };

  constructor(private readonly options: LocalQueueOptions) {}

  send(body: string, groupId: string | null = null): void {
    const now = performance.now();
    if (this.options.fifo) {
      if (groupId === null) throw new Error(`${this.options.name}: a FIFO queue needs a message group id`);
      const hash = createHash('sha256').update(body).digest('hex');
      const window = this.options.deduplicationWindowMs ?? 5 * 60_000;
      const seen = this.dedup.get(hash);
      if (seen !== undefined && now - seen < window) {
        this.stats.deduplicated++;
        return;
      }
      this.dedup.set(hash, now);
      if (this.dedup.size > 100_000) {
        for (const [h, t] of this.dedup) if (now - t >= window) this.dedup.delete(h);
      }
    }
    this.stats.sent++;
    this.messages.push({
      messageId: randomUUID(),
      body,
      groupId,
      receiveCount: 0,
      sentAt: now,
      visibleAt: now,
      lastError: '',
    });
    this.pump();
  }

  /** Messages waiting or in flight. */
  get depth(): number {
    return this.messages.length;
  }

  /** Age of the oldest message, ms (the ApproximateAgeOfOldestMessage alarm's metric). */
  oldestAgeMs(): number {
    const oldest = this.messages.reduce((min, m) => Math.min(min, m.sentAt), Number.POSITIVE_INFINITY);
    return Number.isFinite(oldest) ? performance.now() - oldest : 0;
  }

  /** Resolves when no message is waiting or in flight. */
  idle(): Promise<void> {
    if (this.messages.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private settle(): void {
    if (this.messages.length === 0 && this.inFlight === 0) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const w of waiters) w();
    }
  }

  /** The next batch of visible messages this mapping may receive now. */
  private nextBatch(now: number): Stored[] {
    const batch: Stored[] = [];
    const { batchSize } = this.options;
    if (!this.options.fifo) {
      for (const m of this.messages) {
        if (batch.length >= batchSize) break;
        if (m.visibleAt <= now && !this.isInFlight(m)) batch.push(m);
      }
      return batch;
    }
    // FIFO: per group, from its head, while visible; groups in flight (or with an invisible head) wait.
    const blocked = new Set(this.lockedGroups);
    for (const m of this.messages) {
      if (batch.length >= batchSize) break;
      const group = m.groupId as string;
      if (blocked.has(group)) continue;
      if (m.visibleAt > now || this.isInFlight(m)) {
        blocked.add(group);
        continue;
      }
      batch.push(m);
    }
    return batch;
  }

  private readonly flying = new Set<string>();
  private isInFlight(m: Stored): boolean {
    return this.flying.has(m.messageId);
  }

  private pump(): void {
    if (this.closed) return;
    const now = performance.now();
    while (this.inFlight < this.options.maxConcurrency) {
      const batch = this.nextBatch(now);
      if (batch.length === 0) break;
      for (const m of batch) {
        this.flying.add(m.messageId);
        m.receiveCount++;
        if (m.groupId !== null && this.options.fifo) this.lockedGroups.add(m.groupId);
      }
      this.inFlight++;
      this.stats.received += batch.length;
      this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.inFlight);
      void this.run(batch);
    }
    this.schedule(now);
  }

  /** Wakes the pump when the next invisible message becomes visible. */
  private schedule(now: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.messages
      .filter((m) => !this.isInFlight(m) && m.visibleAt > now)
      .reduce((min, m) => Math.min(min, m.visibleAt), Number.POSITIVE_INFINITY);
    if (Number.isFinite(next)) {
      this.timer = setTimeout(() => this.pump(), Math.max(1, next - now));
      this.timer.unref?.();
    }
  }

  private async run(batch: Stored[]): Promise<void> {
    let result: BatchResult;
    let error = '';
    try {
      result = await this.options.handler(batch.map(({ visibleAt: _v, lastError: _l, ...m }) => ({ ...m })));
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
      result = { failures: batch.map((m) => m.messageId) };
    }
    const failed = new Set(result.failures);
    const now = performance.now();
    const dead: Stored[] = [];
    for (const m of batch) {
      this.flying.delete(m.messageId);
      if (!failed.has(m.messageId)) {
        this.remove(m);
        this.stats.deleted++;
        continue;
      }
      m.lastError = error || m.lastError || 'reported as a batch item failure';
      const delay = result.delays?.get(m.messageId);
      if (delay === undefined && m.receiveCount >= this.options.maxReceiveCount) {
        this.remove(m);
        dead.push(m);
      } else {
        m.visibleAt = now + (delay ?? this.options.visibilityTimeoutMs(m.receiveCount));
      }
    }
    for (const m of batch) if (m.groupId !== null) this.lockedGroups.delete(m.groupId);
    for (const m of dead) {
      this.stats.deadLettered++;
      try {
        await this.options.deadLetter({ ...m }, m.lastError);
      } catch (e) {
        this.options.onError?.(e);
      }
    }
    this.inFlight--;
    this.pump();
    this.settle();
  }

  private remove(m: Stored): void {
    const i = this.messages.indexOf(m);
    if (i >= 0) this.messages.splice(i, 1);
  }
}
