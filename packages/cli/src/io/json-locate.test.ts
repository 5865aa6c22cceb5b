import { describe, expect, it } from 'vitest';
import { locateJsonError } from './json-locate.js';

describe('locateJsonError', () => {
  it.each([
    { text: '[1, 2]', at: -1 },
    { text: '{"a": [true, false, null, -1.5e3, "x\\n"]}', at: -1 },
    { text: '  []  ', at: -1 },
    { text: '[1, ]', at: 4 },
    { text: '[\n{"a": 1},\n{"a": }\n]', at: 18 },
    { text: '{"a": 1} x', at: 9 },
    { text: '{"a" 1}', at: 5 },
    { text: "{'a': 1}", at: 1 },
    { text: '[1, 2', at: 5 },
    { text: '[01]', at: 2 },
    { text: '{"a": 1,}', at: 8 },
    { text: '["bad \\x escape"]', at: 1 },
    { text: '', at: 0 },
  ])('$text', ({ text, at }) => {
    expect(locateJsonError(text)).toBe(at);
  });

  it('agrees with JSON.parse on validity', () => {
    for (const text of [
      '[1,2,3]',
      '{"x":{"y":[{}]}}',
      '[1 2]',
      '{"a":}',
      'nul',
      '"\\u00e9"',
      '[-]',
      '1.',
    ]) {
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      expect(locateJsonError(text) === -1).toBe(valid);
    }
  });
});
