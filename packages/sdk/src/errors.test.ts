import { describe, expect, it } from 'vitest';
import { createDefaultErrorHandler, safeReport, VigilSdkError } from './errors.js';

const err = (code: 'REJECTED' | 'SEND_FAILED', message = 'm') =>
  new VigilSdkError({ code, message });

describe('createDefaultErrorHandler', () => {
  it('writes at most one line per code every 10 s and counts the suppressed ones', () => {
    const lines: string[] = [];
    let t = 0;
    const h = createDefaultErrorHandler({ write: (l) => lines.push(l), now: () => t });
    h(err('REJECTED', 'a'));
    h(err('REJECTED', 'b'));
    h(err('REJECTED', 'c'));
    h(err('SEND_FAILED', 'd'));
    t = 10_000;
    h(err('REJECTED', 'e'));
    expect(lines).toEqual([
      '[vigil] REJECTED: a',
      '[vigil] SEND_FAILED: d',
      '[vigil] REJECTED: e (2 similar errors suppressed)',
    ]);
  });
});

describe('safeReport', () => {
  it('swallows what the handler throws', () => {
    const quiet = console.error;
    console.error = () => {};
    try {
      expect(() =>
        safeReport(() => {
          throw new Error('bug');
        }, err('REJECTED')),
      ).not.toThrow();
    } finally {
      console.error = quiet;
    }
  });

  it('counts eventIds when no count is given', () => {
    expect(new VigilSdkError({ code: 'REJECTED', message: 'x', eventIds: ['a', 'b'] }).count).toBe(
      2,
    );
  });
});
