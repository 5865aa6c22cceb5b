// The text of an LLM answer as stored on a generation: a string, an OpenAI message or choice, a
// list of them, or OTLP GenAI message parts. Quality checks read answers through this one function.

function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part === null || typeof part !== 'object') return '';
  const p = part as Record<string, unknown>;
  if (typeof p.text === 'string') return p.text;
  if (typeof p.content === 'string') return p.content;
  if (Array.isArray(p.content)) return p.content.map(partText).join('');
  if (Array.isArray(p.parts)) return p.parts.map(partText).join('');
  if (p.message !== undefined) return partText(p.message);
  return '';
}

/**
 * outputText extracts the answer text of a generation's stored output: strings as they are,
 * `{ content }` / `{ text }` / `{ message }` objects, content-part arrays, OpenAI `choices` (the
 * first one), and lists of assistant messages (joined by newlines). Anything else gives ''.
 */
export function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (Array.isArray(output)) {
    return output
      .map(partText)
      .filter((s) => s !== '')
      .join('\n');
  }
  if (output !== null && typeof output === 'object') {
    const o = output as Record<string, unknown>;
    if (Array.isArray(o.choices) && o.choices.length > 0) return partText(o.choices[0]);
  }
  return partText(output);
}
