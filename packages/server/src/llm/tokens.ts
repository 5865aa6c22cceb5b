// Counting tokens locally when a caller sends none: the bundled tokenizer of the model's family
// (o200k_base for the GPT-4o / 4.1 / 5 and o-series, cl100k_base for older and other models).
// The vocabularies load on first use, so a server that never counts pays nothing at start.
type Counter = (text: string) => number;

let o200k: Counter | undefined;
let cl100k: Counter | undefined;

async function counter(encoding: 'o200k_base' | 'cl100k_base'): Promise<Counter> {
  if (encoding === 'o200k_base') {
    if (o200k === undefined) {
      const m = await import('gpt-tokenizer/encoding/o200k_base');
      o200k = (t) => m.countTokens(t);
    }
    return o200k;
  }
  if (cl100k === undefined) {
    const m = await import('gpt-tokenizer/encoding/cl100k_base');
    cl100k = (t) => m.countTokens(t);
  }
  return cl100k;
}

/** encodingFor names the tokenizer used for `model`: o200k_base for recent OpenAI families. */
export function encodingFor(model: string | null): 'o200k_base' | 'cl100k_base' {
  if (model === null) return 'o200k_base';
  const m = model.toLowerCase();
  if (/^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|chatgpt-4o|o[1-9]|gpt-oss)/.test(m)) return 'o200k_base';
  return 'cl100k_base';
}

// Per-message overhead of the chat format (role and separators), as in OpenAI's cookbook.
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;

/**
 * textOf flattens a generation's input or output into the text to count: a string as is, chat
 * messages as their contents (string or text parts), anything else as JSON. Returns the text and
 * the number of chat messages found.
 */
export function textOf(value: unknown): { text: string; messages: number } {
  if (value === null || value === undefined) return { text: '', messages: 0 };
  if (typeof value === 'string') return { text: value, messages: 0 };
  const list = Array.isArray(value) ? value : [value];
  const parts: string[] = [];
  let messages = 0;
  for (const item of list) {
    if (typeof item === 'string') {
      parts.push(item);
      continue;
    }
    const m = item as { role?: unknown; content?: unknown } | null;
    if (m !== null && typeof m === 'object' && 'content' in m) {
      messages++;
      if (typeof m.role === 'string') parts.push(m.role);
      if (typeof m.content === 'string') parts.push(m.content);
      else if (Array.isArray(m.content)) {
        for (const p of m.content) {
          const t = (p as { text?: unknown } | null)?.text;
          parts.push(typeof t === 'string' ? t : typeof p === 'string' ? p : JSON.stringify(p));
        }
      } else if (m.content !== null && m.content !== undefined)
        parts.push(JSON.stringify(m.content));
    } else parts.push(JSON.stringify(item));
  }
  return { text: parts.join('\n'), messages };
}

/**
 * countTokens estimates the tokens of a generation's input or output for `model`; null when there
 * is nothing to count. Chat messages add the chat format's per-message overhead.
 */
export async function countTokens(value: unknown, model: string | null): Promise<number | null> {
  if (value === null || value === undefined) return null;
  const { text, messages } = textOf(value);
  const count = await counter(encodingFor(model));
  const base = count(text);
  return messages > 0 ? base + messages * PER_MESSAGE + REPLY_PRIMING : base;
}
