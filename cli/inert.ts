import { inertText } from '../shared/text/terminal.ts';

export { inertJson } from '../shared/text/terminal.ts';

/**
 * A line of terminal output whose interpolated values (unit names, departments, reasons, finding messages: text
 * from the registry and from uploads) are made inert (issue 11); the literal parts, ours, keep their line breaks.
 */
export function inertLine(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, s, i) => out + s + (i < values.length ? inertText(String(values[i])) : ''), '');
}
