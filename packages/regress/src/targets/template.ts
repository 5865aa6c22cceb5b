// A small template language for prompts, HTTP requests and shell arguments: `{{ path }}` inserts a
// value as text, `{{ json path }}` as JSON. Paths read the case scope: `input`, `expected`, `id`,
// `vars.x` (or just `x` for a variable).
import type { GoldenCase } from '../golden/types.js';

/** caseScope is what a template can read for a case. */
export function caseScope(c: GoldenCase): Record<string, unknown> {
  return {
    ...c.input.vars,
    vars: c.input.vars ?? {},
    input: c.input.text ?? '',
    messages: c.input.messages ?? [],
    expected: c.expected ?? null,
    id: c.id,
  };
}

/** readPath reads a dotted path (`a.b.0.c`) from a value; undefined when a step is missing. */
export function readPath(value: unknown, path: string): unknown {
  if (path === '' || path === '.') return value;
  let v = value;
  for (const step of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[step];
  }
  return v;
}

const TAG = /\{\{\s*(json\s+)?([\w.-]+)\s*\}\}/g;

/**
 * renderTemplate fills `{{ path }}` and `{{ json path }}` from `scope`. A missing value renders as
 * an empty string (text) or `null` (JSON); objects inserted as text are JSON.
 * Example: renderTemplate('Q: {{input}}', { input: 'hi' }) → 'Q: hi'.
 */
export function renderTemplate(template: string, scope: Record<string, unknown>): string {
  return template.replace(TAG, (_m, json: string | undefined, path: string) => {
    const v = readPath(scope, path);
    if (json) return JSON.stringify(v ?? null);
    if (v === undefined || v === null) return '';
    return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  });
}

/** renderDeep renders every string inside a JSON-like value (for request bodies given as objects). */
export function renderDeep(value: unknown, scope: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    // A string that is exactly one tag inserts the value itself, keeping its JSON type.
    const whole = /^\{\{\s*(?:json\s+)?([\w.-]+)\s*\}\}$/.exec(value);
    if (whole) return readPath(scope, whole[1]) ?? null;
    return renderTemplate(value, scope);
  }
  if (Array.isArray(value)) return value.map((v) => renderDeep(v, scope));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderDeep(v, scope)]));
  }
  return value;
}
