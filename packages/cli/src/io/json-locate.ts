// Where is a JSON syntax error? V8's JSON.parse messages on Node 20 often omit the position
// ("Unexpected token '}', ... is not valid JSON"), so on the error path only we re-scan the text with
// a small validator that returns the offset of the first offending token.

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings may not hold raw control characters
const STRING_RE = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

function matchLength(re: RegExp, text: string, at: number): number {
  re.lastIndex = at;
  const m = re.exec(text);
  return m === null ? -1 : m[0].length;
}

function scalarLength(text: string, at: number): number {
  const ch = text[at];
  if (ch === '"') return matchLength(STRING_RE, text, at);
  if (ch === '-' || (ch >= '0' && ch <= '9')) return matchLength(NUMBER_RE, text, at);
  for (const word of ['true', 'false', 'null']) if (text.startsWith(word, at)) return word.length;
  return -1;
}

/**
 * locateJsonError returns the offset (UTF-16 units) of the first token that makes `text` invalid
 * JSON (RFC 8259), `text.length` when the text ends too early, or -1 when it is valid. A bad
 * string is reported at its opening quote. Example: '[1, ]' -> 4; '{"a": 1} x' -> 9.
 */
export function locateJsonError(text: string): number {
  let i = 0;
  const stack: ('[' | '{')[] = [];
  // Cast so TypeScript does not narrow `state` to the values assigned in this scope only (the
  // closures below also assign it).
  let state = 'value' as 'value' | 'first-value' | 'after-value' | 'key' | 'first-key' | 'colon';
  let finished = false;
  const endValue = () => {
    if (stack.length === 0) finished = true;
    else state = 'after-value';
  };
  const close = () => {
    stack.pop();
    i++;
    endValue();
  };
  for (;;) {
    while (
      i < text.length &&
      (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')
    )
      i++;
    if (i >= text.length) return finished ? -1 : text.length;
    if (finished) return i;
    const ch = text[i];
    if (state === 'value' || state === 'first-value') {
      if (state === 'first-value' && ch === ']') {
        close();
      } else if (ch === '[' || ch === '{') {
        stack.push(ch);
        i++;
        state = ch === '[' ? 'first-value' : 'first-key';
      } else {
        const n = scalarLength(text, i);
        if (n <= 0) return i;
        i += n;
        endValue();
      }
    } else if (state === 'after-value') {
      const top = stack[stack.length - 1];
      if (ch === ',') {
        i++;
        state = top === '[' ? 'value' : 'key';
      } else if (ch === (top === '[' ? ']' : '}')) {
        close();
      } else {
        return i;
      }
    } else if (state === 'key' || state === 'first-key') {
      if (state === 'first-key' && ch === '}') {
        close();
      } else {
        if (ch !== '"') return i;
        const n = matchLength(STRING_RE, text, i);
        if (n < 0) return i;
        i += n;
        state = 'colon';
      }
    } else {
      if (ch !== ':') return i;
      i++;
      state = 'value';
    }
  }
}
