// Command-line values of the registry and audit commands: the server to talk to, version
// numbers, key=value pairs, durations like `7d`, and plain aligned tables for the terminal.
import type { CliIo } from '../cli-io.js';
import { usageError } from '../errors.js';
import { parseIsoTime } from '../io/time.js';
import type { ApiTarget } from '../baseline/api.js';

/** ServerOptions are the flags every command that calls the server takes. */
export interface ServerOptions {
  endpoint?: string;
  apiKey?: string;
}

/** serverTarget reads --endpoint / --api-key (or VIGIL_ENDPOINT / VIGIL_API_KEY). */
export function serverTarget(io: CliIo, options: ServerOptions): ApiTarget {
  const endpoint = options.endpoint ?? io.env.VIGIL_ENDPOINT ?? 'http://127.0.0.1:8080';
  const token = options.apiKey ?? io.env.VIGIL_API_KEY;
  if (token === undefined || token === '') {
    throw usageError('--api-key or VIGIL_API_KEY is required');
  }
  return { endpoint, token };
}

/** parseVersion reads a version number argument: a positive integer. */
export function parseVersion(text: string): number {
  if (!/^[1-9][0-9]{0,8}$/.test(text)) {
    throw usageError(`VERSION must be a positive integer, got '${text}'`);
  }
  return Number(text);
}

/** parsePair splits `key=value` (the key non-empty) for --metric and --tag. */
export function parsePair(text: string, option: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw usageError(`${option}: expected key=value, got '${text}'`);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** collectMetric is the commander reducer of repeated --metric k=v (v a finite number). */
export function collectMetric(
  text: string,
  prev: Record<string, number> | undefined,
): Record<string, number> {
  const [k, v] = parsePair(text, '--metric');
  const n = v.trim() === '' ? Number.NaN : Number(v);
  if (!Number.isFinite(n)) throw usageError(`--metric ${k}: '${v}' is not a finite number`);
  return { ...prev, [k]: n };
}

/** collectTag is the commander reducer of repeated --tag k=v. */
export function collectTag(
  text: string,
  prev: Record<string, string> | undefined,
): Record<string, string> {
  const [k, v] = parsePair(text, '--tag');
  return { ...prev, [k]: v };
}

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/**
 * parseSince reads a start time: a duration back from `now` (`30m`, `12h`, `7d`, `2w`), epoch
 * milliseconds, or an ISO 8601 date-time.
 */
export function parseSince(text: string, option: string, now: number): number {
  const d = /^(\d{1,6})([smhdw])$/.exec(text.trim());
  if (d) return now - Number(d[1]) * UNIT_MS[d[2]];
  if (/^\d{1,16}$/.test(text.trim())) return Number(text.trim());
  const t = parseIsoTime(text);
  if (t === undefined) {
    throw usageError(
      `${option}: '${text}' is not a duration (30m, 12h, 7d, 2w), epoch ms or an ISO date`,
    );
  }
  return t;
}

/** renderTable aligns rows under a header, two spaces between columns. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
