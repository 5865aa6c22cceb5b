// Appending a case to a golden-set file: the YAML layout and comments are kept, the set's version
// is bumped, and the new text is validated before anyone writes it.
import { isMap, isSeq, parseDocument } from 'yaml';
import { RegressError } from '../errors.js';
import { formatGoldenIssue, parseGoldenSet } from './parse.js';

/** bumpVersion increments a set version: a number, or text ending in a number (`v7` → `v8`). */
export function bumpVersion(v: unknown): string | number {
  if (typeof v === 'number' && Number.isInteger(v)) return v + 1;
  const m = typeof v === 'string' ? /^(.*?)(\d+)$/.exec(v) : null;
  if (m) return `${m[1]}${Number(m[2]) + 1}`;
  throw new RegressError(
    'INVALID_SET',
    `cannot bump version ${JSON.stringify(v)}: use a number, or text ending in one`,
  );
}

/**
 * appendGoldenCase returns the text of a set file with `entry` appended as a case and the version
 * bumped (YAML, or JSON Lines with a header line). It throws RegressError INVALID_SET when the
 * result would not parse, e.g. for a duplicate id, naming file, line and field.
 */
export function appendGoldenCase(
  text: string,
  file: string,
  entry: Record<string, unknown>,
): string {
  let next: string;
  if (/\.(jsonl|ndjson)$/i.test(file)) {
    const lines = text.replace(/\n+$/, '').split('\n');
    const at = lines.findIndex((l) => l.trim() !== '');
    const header = at === -1 ? null : (JSON.parse(lines[at]) as Record<string, unknown>);
    if (header === null || header.id !== undefined) {
      throw new RegressError(
        'INVALID_SET',
        `${file}: a JSON Lines set needs a header line with its version`,
      );
    }
    lines[at] = JSON.stringify({ ...header, version: bumpVersion(header.version) });
    next = `${[...lines, JSON.stringify(entry)].join('\n')}\n`;
  } else {
    const doc = parseDocument(text);
    const cases = doc.get('cases', true);
    if (!isMap(doc.contents) || !isSeq(cases))
      throw new RegressError('INVALID_SET', `${file}: the set has no \`cases\` list`);
    cases.add(doc.createNode(entry));
    doc.set('version', bumpVersion(doc.get('version')));
    next = doc.toString();
  }
  const check = parseGoldenSet(next, file);
  if (!check.ok)
    throw new RegressError(
      'INVALID_SET',
      `the new case would not be valid: ${formatGoldenIssue(check.issues[0])}`,
    );
  return next;
}
