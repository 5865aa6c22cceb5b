// Dedup key of an alert: a hash of its identity, not of its state, so every notification of one
// alert (firing, renotify, resolved) carries the same key (PagerDuty dedup_key, webhook receivers).
import { fnv1a64, hex64 } from '../hash.js';

// 0xff never appears in UTF-8 text Prometheus hashes; we hash code points, so U+00FF is our
// separator and each field is length-prefixed to keep ("a", "bc") and ("ab", "c") apart.
const SEP = '\u00ff';

/**
 * alertLabels returns the labels of an alert: `labels` plus `monitor` = monitorId (which wins
 * over a `monitor` key in labels), with keys sorted. Example: ('m1', { b: '2', a: '1' }) →
 * { a: '1', b: '2', monitor: 'm1' }.
 */
export function alertLabels(
  monitorId: string,
  labels: Readonly<Record<string, string>>,
): Record<string, string> {
  const all: Record<string, string> = { ...labels, monitor: monitorId };
  const out: Record<string, string> = {};
  for (const k of Object.keys(all).sort()) out[k] = all[k];
  return out;
}

/**
 * fingerprint is the stable dedup key of an alert: FNV-1a 64 over the sorted labels of
 * alertLabels(monitorId, labels), each name and value length-prefixed (UTF-16 code units) and
 * separated by U+00FF, as 16 hex digits. Label order does not matter. The value is API: it is
 * stored, sent as PagerDuty's dedup_key and snapshot-tested. Example: fingerprint('m1', {}) → '28a82d4f3e8eb254'.
 */
export function fingerprint(monitorId: string, labels: Readonly<Record<string, string>>): string {
  const sorted = alertLabels(monitorId, labels);
  let text = '';
  for (const k of Object.keys(sorted)) {
    const v = sorted[k];
    text += `${k.length}:${k}${SEP}${v.length}:${v}${SEP}`;
  }
  return hex64(fnv1a64(text));
}
