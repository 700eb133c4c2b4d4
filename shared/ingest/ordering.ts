/**
 * Which of two uploads of the same unit-year is newer. Events arrive at least once and in any order:
 * - for the same object key, S3's `sequencer` orders events (hex strings, compared after left-padding to equal
 *   length, as AWS documents);
 * - across keys, sequencers are not comparable, so the upload time (event time) decides; equal times fall back to
 *   the sequencer and then the key, so the order is total and every replica decides the same way.
 */
export interface UploadOrder {
  key: string;
  eventTime: string;
  sequencer: string | null;
}

function compareSequencers(a: string, b: string): number {
  const len = Math.max(a.length, b.length);
  const pa = a.toUpperCase().padStart(len, '0');
  const pb = b.toUpperCase().padStart(len, '0');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/** Negative if `a` is older than `b`, positive if newer, 0 for the same upload. */
export function compareUploads(a: UploadOrder, b: UploadOrder): number {
  if (a.key === b.key && a.sequencer && b.sequencer) {
    const bySequencer = compareSequencers(a.sequencer, b.sequencer);
    if (bySequencer !== 0) return bySequencer;
  }
  const ta = Date.parse(a.eventTime);
  const tb = Date.parse(b.eventTime);
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (a.sequencer && b.sequencer) {
    const bySequencer = compareSequencers(a.sequencer, b.sequencer);
    if (bySequencer !== 0) return bySequencer;
  }
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}
