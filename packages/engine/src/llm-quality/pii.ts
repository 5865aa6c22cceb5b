// Safety checks on LLM outputs: personal data patterns (with checksums where the format has one,
// so a random 16-digit number is not a card) and a blocklist of words or phrases.

/** PiiKind names a detected kind of personal data. */
export type PiiKind = 'email' | 'phone' | 'credit_card' | 'us_ssn' | 'iban' | 'ipv4';

/** SafetyViolation is one finding in a text: its kind, the matched text and its offset. */
export interface SafetyViolation {
  readonly kind: PiiKind | 'blocklist';
  readonly match: string;
  readonly index: number;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// International (+CC …) or North American (NXX) NXX-XXXX numbers, with common separators.
const PHONE = /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}(?![\w])/g;
const CARD = /(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)/g;
const SSN = /(?<!\d)(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?!\d)/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
const IPV4 =
  /(?<!\d\.|\d)(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\.?\d)/g;
/(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])/g;

/** luhnValid tells whether a digit string passes the Luhn checksum (payment card numbers). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** ibanValid tells whether a string is an IBAN with a correct ISO 13616 mod-97 check. */
export function ibanValid(text: string): boolean {
  const s = text.replace(/ /g, '');
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const v = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

function collect(
  text: string,
  re: RegExp,
  kind: PiiKind,
  keep: (m: string) => boolean,
  out: SafetyViolation[],
): void {
  for (const m of text.matchAll(re)) {
    if (keep(m[0])) out.push({ kind, match: m[0], index: m.index ?? 0 });
  }
}

/**
 * findPii returns the personal data found in `text`, ordered by position: e-mail addresses, phone
 * numbers, payment card numbers (13-19 digits passing Luhn), US social security numbers (valid
 * area and group), IBANs (mod-97 check) and IPv4 addresses. A card number is not also reported as
 * a phone number. Example: findPii('mail bob@example.com') → [{ kind: 'email', match: 'bob@example.com', index: 5 }].
 */
export function findPii(text: string): SafetyViolation[] {
  const out: SafetyViolation[] = [];
  collect(text, EMAIL, 'email', () => true, out);
  collect(text, CARD, 'credit_card', (m) => luhnValid(m.replace(/[ -]/g, '')), out);
  collect(text, SSN, 'us_ssn', () => true, out);
  collect(text, IBAN, 'iban', ibanValid, out);
  collect(text, IPV4, 'ipv4', () => true, out);
  const taken = out.map((v) => [v.index, v.index + v.match.length] as const);
  collect(text, PHONE, 'phone', () => true, out);
  // Drop phone matches inside a card, SSN, IBAN or IP match found above.
  const filtered = out.filter(
    (v) =>
      v.kind !== 'phone' || !taken.some(([a, b]) => v.index < b && v.index + v.match.length > a),
  );
  return filtered.sort((a, b) => a.index - b.index);
}

/** Blocklist is a compiled list of blocked words and phrases (case-insensitive, whole words). */
export interface Blocklist {
  readonly terms: readonly string[];
  readonly pattern: RegExp | null;
}

/** compileBlocklist builds a Blocklist; empty or blank terms are ignored. */
export function compileBlocklist(terms: readonly string[]): Blocklist {
  const clean = [...new Set(terms.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
  if (clean.length === 0) return { terms: [], pattern: null };
  const alternatives = clean
    .sort((a, b) => b.length - a.length)
    .map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return {
    terms: clean,
    pattern: new RegExp(
      `(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`,
      'giu',
    ),
  };
}

/** findBlocked returns the blocklisted terms found in `text`, ordered by position. */
export function findBlocked(text: string, list: Blocklist): SafetyViolation[] {
  if (list.pattern === null) return [];
  return [...text.matchAll(list.pattern)].map((m) => ({
    kind: 'blocklist' as const,
    match: m[0],
    index: m.index ?? 0,
  }));
}
