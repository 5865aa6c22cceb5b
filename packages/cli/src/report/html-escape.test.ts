import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript } from './html-escape.js';

describe('escapeHtml', () => {
  const cases = [
    { name: 'plain text unchanged', input: 'age_years', expected: 'age_years' },
    {
      name: 'all five specials',
      input: `<a href="x" title='y'>&</a>`,
      expected: '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    },
    { name: 'already-escaped text is escaped again', input: '&lt;', expected: '&amp;lt;' },
    {
      name: 'script breakout',
      input: '</script><img src=x onerror=alert(1)>',
      expected: '&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
    },
    { name: 'non-ASCII kept', input: 'prix €\u2028', expected: 'prix €\u2028' },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    expect(escapeHtml(input)).toBe(expected);
  });
});

describe('jsonForScript', () => {
  const cases = [
    {
      name: 'script end tag',
      input: { a: '</script>' },
      expected: '{"a":"\\u003c/script\\u003e"}',
    },
    { name: 'comment opener', input: ['<!--'], expected: '["\\u003c!--"]' },
    { name: 'ampersand', input: 'a&b', expected: '"a\\u0026b"' },
    {
      name: 'line and paragraph separators',
      input: 'x\u2028y\u2029z',
      expected: '"x\\u2028y\\u2029z"',
    },
    {
      name: 'non-finite numbers become null (JSON)',
      input: [1.5, Number.NaN, Number.POSITIVE_INFINITY],
      expected: '[1.5,null,null]',
    },
  ];
  it.each(cases)('$name', ({ input, expected }) => {
    expect(jsonForScript(input)).toBe(expected);
  });

  it('round-trips any JSON value and never emits a character that could end the element', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = jsonForScript(value);
        expect(text).not.toMatch(/[<>&\u2028\u2029]/);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 500 },
    );
  });
});
