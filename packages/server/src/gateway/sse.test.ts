// Events split at every possible byte come out whole, in order.
import { describe, expect, it } from 'vitest';
import { SseSplitter } from './sse.js';

describe('SseSplitter', () => {
  const text =
    'data: {"a":1}\n\n: comment\nevent: x\ndata: line1\r\ndata: line2\r\n\r\ndata:[DONE]\n\n';
  it.each([1, 2, 3, 7, text.length])('splits chunks of %i characters', (size) => {
    const s = new SseSplitter();
    const out: string[] = [];
    for (let i = 0; i < text.length; i += size) out.push(...s.push(text.slice(i, i + size)));
    expect(out).toEqual(['{"a":1}', 'line1\nline2', '[DONE]']);
  });
});
