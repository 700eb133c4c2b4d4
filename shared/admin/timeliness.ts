import { addDays, isoDateInChina } from '../explain/format.ts';
import type { PublicationState, Timeliness } from '../records/model.ts';

/** 《地方预决算公开操作规程》(财预〔2016〕143号): publish within 20 days of the 财政 approval. */
export const PUBLICATION_DAYS = 20;

/** The last day a publication is on time: 批复日期 + 20 calendar days (`2024-09-25` → `2024-10-15`). */
export function deadlineOf(approvalDate: string | null): string | null {
  return approvalDate === null ? null : addDays(approvalDate, PUBLICATION_DAYS);
}

/** Whole days from one `YYYY-MM-DD` to another (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface TimelinessInput {
  approvalDate: string | null;
  /** ISO timestamp or date of the first publication of the unit-year (kept across corrections), null if none. */
  firstPublishedAt: string | null;
  /** Today (any ISO timestamp; compared as a date in China time). */
  today: string;
}

/**
 * The verdict, in China time (UTC+8) as the dates on the page. Only a first publication and a 批复日期 decide it:
 * never the time of the latest upload, so a correction does not make an on-time unit late or a late one fresh.
 */
export function timelinessOf(i: TimelinessInput): {
  timeliness: Timeliness;
  deadline: string | null;
  daysLate: number;
} {
  const deadline = deadlineOf(i.approvalDate);
  if (deadline === null) return { timeliness: 'unknown', deadline, daysLate: 0 };
  if (i.firstPublishedAt !== null) {
    const late = daysBetween(deadline, isoDateInChina(i.firstPublishedAt));
    return { timeliness: late > 0 ? 'late' : 'on-time', deadline, daysLate: Math.max(0, late) };
  }
  const late = daysBetween(deadline, isoDateInChina(i.today));
  return { timeliness: late > 0 ? 'overdue' : 'pending', deadline, daysLate: Math.max(0, late) };
}

/** Timeliness of a row of the status report: a unit-year never published is judged by today. */
export function timelinessForState(
  state: PublicationState,
  approvalDate: string | null,
  firstPublishedAt: string | null,
  today: string,
) {
  // A withdrawn unit-year was published: its first publication still decides.
  return timelinessOf({ approvalDate, firstPublishedAt: state === 'not-uploaded' ? null : firstPublishedAt, today });
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD` (2024-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}
