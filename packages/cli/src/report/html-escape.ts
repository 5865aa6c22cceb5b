// Escaping for the two places user strings reach the HTML report: element text/attributes and the
// embedded JSON data block. Column names, file paths and category labels all come from user data.

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * escapeHtml makes a string safe as HTML element text or as a quoted attribute value.
 *
 * All five of `& < > " '` are replaced, so the result is safe in both contexts
 * (single- or double-quoted attributes). Example: `<b a="x">` → `&lt;b a=&quot;x&quot;&gt;`.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/**
 * jsonForScript serialises a value as JSON that can sit verbatim inside a `<script>` element.
 *
 * An HTML parser ends a script element at the first `</script` whatever the JSON means, and
 * `<!--` switches it into an escaped state, so every `<` becomes `\u003c` (and `>`, `&` too, to
 * keep the output safe if someone later pastes it into other contexts). U+2028/U+2029 are escaped
 * because older JavaScript parsers treat them as line terminators inside string literals.
 * The result is still valid JSON and parses back to the same value.
 * Example: `{"a":"</script>"}` → `{"a":"\u003c/script\u003e"}`.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (ch) => {
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
