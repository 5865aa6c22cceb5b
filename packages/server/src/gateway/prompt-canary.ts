// Prompt canaries in the gateway: a call naming `prompt@label` while that label has a running
// canary gets a variant by hashing its unit id (assignVariant, as the SDK does), and is served the
// variant's prompt version. The caller rendered the label's (baseline) version into its messages:
// those leading messages are matched against the baseline's text, its `{{variables}}` read back
// from them, and the served version rendered with the same values in their place. A call whose
// messages do not match the baseline is left as it is and kept out of the canary (no variant), on
// either side, so the split stays unbiased.
import { assignVariant, PROMPT_VARIABLE_RE, type PromptContent } from '@vigil/contracts';
import type { Canary } from '@vigil/store';

/** ActivePromptCanary is a running (or paused) prompt canary with both versions' contents. */
export interface ActivePromptCanary {
  readonly canary: Canary;
  readonly baseline: PromptContent;
  readonly candidate: PromptContent;
}

/** PromptAssignment is how the gateway serves one call under a prompt canary. */
export interface PromptAssignment {
  readonly canary: string;
  readonly variant: string;
  readonly role: 'baseline' | 'candidate';
  /** The prompt version served (recorded as the generation's prompt version). */
  readonly version: number;
  /** The messages to send upstream. */
  readonly messages: unknown[];
}

interface Matcher {
  readonly re: RegExp;
  readonly names: readonly string[];
}

const matchers = new WeakMap<PromptContent, Matcher[]>();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// One anchored regex per text: literal parts escaped, a variable's first use a lazy group, later
// uses a back-reference, so `{{q}} and {{q}}` only matches the same value twice.
function compile(text: string): Matcher {
  const names: string[] = [];
  let src = '^';
  let last = 0;
  for (const m of text.matchAll(new RegExp(PROMPT_VARIABLE_RE.source, 'g'))) {
    src += escapeRe(text.slice(last, m.index));
    const i = names.indexOf(m[1]);
    if (i >= 0) src += `\\${i + 1}`;
    else {
      names.push(m[1]);
      src += '([\\s\\S]*?)';
    }
    last = (m.index ?? 0) + m[0].length;
  }
  return { re: new RegExp(`${src + escapeRe(text.slice(last))}$`), names };
}

function matchersOf(content: PromptContent): Matcher[] {
  let ms = matchers.get(content);
  if (ms === undefined) {
    ms =
      content.type === 'chat'
        ? content.messages.map((m) => compile(m.content))
        : [compile(content.template)];
    matchers.set(content, ms);
  }
  return ms;
}

// Reads the variables out of `text`; false when it does not match or a value disagrees.
function readInto(m: Matcher, text: unknown, vars: Map<string, string>): boolean {
  if (typeof text !== 'string') return false;
  const r = m.re.exec(text);
  if (r === null) return false;
  for (let i = 0; i < m.names.length; i++) {
    const had = vars.get(m.names[i]);
    if (had !== undefined && had !== r[i + 1]) return false;
    vars.set(m.names[i], r[i + 1]);
  }
  return true;
}

// Fills `{{name}}` from vars; null when the text uses a variable the baseline did not give.
function fill(text: string, vars: ReadonlyMap<string, string>): string | null {
  let missing = false;
  const out = text.replace(new RegExp(PROMPT_VARIABLE_RE.source, 'g'), (_m, name: string) => {
    const v = vars.get(name);
    if (v === undefined) missing = true;
    return v ?? '';
  });
  return missing ? null : out;
}

/**
 * renderServed replaces the caller's rendering of `baseline` at the head of `messages` by
 * `served` rendered with the same variable values. Chat prompts: the first k messages (k = the
 * baseline's message count) must have the baseline's roles and match its texts; text prompts: the
 * first message must match the template. Returns null when they do not match, or when `served`
 * uses a variable the baseline does not. Example: baseline system "Be brief." + user "{{q}}",
 * served system "Be brief and kind." + user "{{q}}": [system "Be brief.", user "Hi"] →
 * [system "Be brief and kind.", user "Hi"].
 */
export function renderServed(
  messages: readonly unknown[],
  baseline: PromptContent,
  served: PromptContent,
): unknown[] | null {
  const ms = matchersOf(baseline);
  const vars = new Map<string, string>();
  const head = baseline.type === 'chat' ? baseline.messages.length : 1;
  if (messages.length < head) return null;
  for (let i = 0; i < head; i++) {
    const m = messages[i] as { role?: unknown; content?: unknown } | null;
    if (typeof m !== 'object' || m === null) return null;
    if (baseline.type === 'chat' && m.role !== baseline.messages[i].role) return null;
    if (!readInto(ms[i], m.content, vars)) return null;
  }
  if (served === baseline) return [...messages];
  const rest = messages.slice(head);
  if (served.type === 'chat') {
    const out: unknown[] = [];
    for (const p of served.messages) {
      const content = fill(p.content, vars);
      if (content === null) return null;
      out.push({ role: p.role, content, ...(p.name === undefined ? {} : { name: p.name }) });
    }
    return [...out, ...rest];
  }
  const content = fill(served.template, vars);
  if (content === null) return null;
  // A text prompt takes the place (and role) of the message it was rendered into.
  const first = messages[0] as Record<string, unknown>;
  return [{ ...first, content }, ...rest];
}

/**
 * assignPromptCall picks the variant of `unitId` in the canary (assignVariant over the weights in
 * force, keyed by the canary's name) and renders its version into `messages`; null when the
 * messages are not the baseline's rendering (the call stays outside the canary) or no variant has
 * weight. Example: at 10 % a unit whose assignment point is 0.95 gets the candidate's version.
 */
export function assignPromptCall(
  active: ActivePromptCanary,
  unitId: string,
  messages: readonly unknown[],
): PromptAssignment | null {
  const c = active.canary;
  const variant = assignVariant(unitId, c.name, [
    { name: c.baseline.variant, weight: c.baseline.weight },
    { name: c.candidate.variant, weight: c.candidate.weight },
  ]);
  if (variant === null) return null;
  const role = variant === c.candidate.variant ? 'candidate' : 'baseline';
  const served = role === 'candidate' ? active.candidate : active.baseline;
  const out = renderServed(messages, active.baseline, served);
  if (out === null) return null;
  return {
    canary: c.name,
    variant,
    role,
    version: role === 'candidate' ? c.candidate.version : c.baseline.version,
    messages: out,
  };
}
