/**
 * The logging port of the use case: a message and the context of the upload (unit, year, key, uploadId, outcome).
 * In Lambda it is Powertools' JSON logger (functions/ingest/observability.ts: request id, cold start, level from the
 * environment); the embedded local stack logs readable lines with textLogger.
 */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A value as `key=value` text: plain when it has no space, quoted otherwise. */
function fieldText(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[^\s"=]*$/.test(text ?? '') ? (text ?? '') : JSON.stringify(text);
}

/** One readable line per event: `10:05:00 INFO  upload published unitCode=101017 year=2023 outcome=published`. */
export function textLogger(
  write: (line: string) => void = (l) => process.stdout.write(`${l}\n`),
  clock: () => Date = () => new Date(),
): Logger {
  const emit = (level: string, message: string, fields: Record<string, unknown> = {}) => {
    const time = clock().toTimeString().slice(0, 8);
    const pairs = Object.entries(fields)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `${k}=${fieldText(v)}`);
    write([time, level.padEnd(5), message, ...pairs].join(' '));
  };
  return {
    info: (m, f) => emit('INFO', m, f),
    warn: (m, f) => emit('WARN', m, f),
    error: (m, f) => emit('ERROR', m, f),
  };
}

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
