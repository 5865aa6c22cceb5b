import { describe, expect, it } from 'vitest';
import { getEnvString, getEnvUrl } from './env.js';

describe('environment getters warn and fall back', () => {
  const cases = [
    { name: 'unset', env: {}, want: 'http://fallback:1', warns: 0 },
    { name: 'blank', env: { VIGIL_ENDPOINT: '  ' }, want: 'http://fallback:1', warns: 0 },
    {
      name: 'valid',
      env: { VIGIL_ENDPOINT: 'https://vigil.example:8443' },
      want: 'https://vigil.example:8443',
      warns: 0,
    },
    {
      name: 'not a URL',
      env: { VIGIL_ENDPOINT: 'vigil:8080x' },
      want: 'http://fallback:1',
      warns: 1,
    },
    { name: 'not http', env: { VIGIL_ENDPOINT: 'ftp://x' }, want: 'http://fallback:1', warns: 1 },
  ];
  it.each(cases)('$name', ({ env, want, warns }) => {
    const lines: string[] = [];
    expect(
      getEnvUrl('VIGIL_ENDPOINT', 'http://fallback:1', { env, warn: (m) => lines.push(m) }),
    ).toBe(want);
    expect(lines.length).toBe(warns);
  });

  it('never throws, even when warning throws or the environment does', () => {
    const thrower = () => {
      throw new Error('boom');
    };
    expect(getEnvUrl('X', 'http://f:1', { env: { X: 'bad' }, warn: thrower })).toBe('http://f:1');
    const hostile = new Proxy({}, { get: thrower });
    expect(getEnvString('X', { env: hostile })).toBeUndefined();
    expect(getEnvString('X', { env: { X: ' k ' } })).toBe('k');
  });
});
