// Text checks: equals, contains (case-sensitive or not, any or all), starts-with and regex.
import type { AssertionSpec } from '../golden/types.js';
import type { AssertionContext, AssertionOutcome } from './types.js';
import { outcome } from './types.js';

/** referenceText is the assertion's value, or the case's expected output, as text. */
export function referenceText(spec: AssertionSpec, ctx: AssertionContext): string | undefined {
  const v = spec.value ?? ctx.expected;
  return typeof v === 'string' ? v : undefined;
}

const short = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);

/** canonicalJson serialises a JSON value with sorted keys, so equal values give equal text. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * equalsAssertion compares the output with the value (or the expected output): text after trimming
 * both sides, or, when the value is not a string, the output parsed as JSON against it, key order
 * ignored.
 */
export function equalsAssertion(spec: AssertionSpec, ctx: AssertionContext): AssertionOutcome {
  const v = spec.value ?? ctx.expected;
  if (typeof v === 'string') {
    const pass = ctx.output.trim() === v.trim();
    return outcome(pass, pass ? 'equal' : `expected ${short(v)}, got ${short(ctx.output)}`);
  }
  if (v === undefined) return outcome(false, 'no value and no expected output to compare with');
  let parsed: unknown;
  try {
    parsed = JSON.parse(ctx.output);
  } catch {
    return outcome(false, 'output is not JSON');
  }
  const pass = canonicalJson(parsed) === canonicalJson(v);
  return outcome(pass, pass ? 'equal JSON' : 'JSON differs from the expected value');
}

/** containsAssertion checks for one substring (`fold`: case-insensitively). */
export function containsAssertion(
  spec: AssertionSpec,
  ctx: AssertionContext,
  fold: boolean,
): AssertionOutcome {
  const needle = referenceText(spec, ctx);
  if (needle === undefined) return outcome(false, 'no text to look for');
  const hay = fold ? ctx.output.toLowerCase() : ctx.output;
  const pass = hay.includes(fold ? needle.toLowerCase() : needle);
  return outcome(pass, `${pass ? 'contains' : 'does not contain'} ${short(needle)}`);
}

/** containsListAssertion checks for any or all of a list of substrings. */
export function containsListAssertion(
  spec: AssertionSpec,
  ctx: AssertionContext,
  fold: boolean,
  mode: 'any' | 'all',
): AssertionOutcome {
  const list = spec.value as readonly string[];
  const hay = fold ? ctx.output.toLowerCase() : ctx.output;
  const found = list.filter((s) => hay.includes(fold ? s.toLowerCase() : s));
  const pass = mode === 'any' ? found.length > 0 : found.length === list.length;
  return outcome(pass, `contains ${found.length} of ${list.length}`);
}

/** startsWithAssertion checks the output's prefix (leading whitespace ignored). */
export function startsWithAssertion(spec: AssertionSpec, ctx: AssertionContext): AssertionOutcome {
  const prefix = referenceText(spec, ctx);
  if (prefix === undefined) return outcome(false, 'no prefix to look for');
  const pass = ctx.output.trimStart().startsWith(prefix);
  return outcome(pass, `${pass ? 'starts' : 'does not start'} with ${short(prefix)}`);
}

/**
 * compileRegex turns `pattern` or `/pattern/flags` into a RegExp (no g or y flag: a test must not
 * depend on the previous one). Throws SyntaxError on a bad pattern.
 */
export function compileRegex(value: string): RegExp {
  const m = /^\/(.*)\/([dimsuv]*)$/s.exec(value);
  return m ? new RegExp(m[1], m[2]) : new RegExp(value);
}
