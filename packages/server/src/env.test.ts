import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvError, EnvSchema, loadEnv } from './env.js';

type Case = {
  name: string;
  input: Record<string, string | undefined>;
  expected: Partial<ReturnType<typeof loadEnv>>;
};

const cases: Case[] = [
  {
    name: 'defaults: SQLite ./vigil.db on 127.0.0.1:8080, FULL sync, no admin token',
    input: {},
    expected: {
      VIGIL_DB: './vigil.db',
      PORT: 8080,
      HOST: '127.0.0.1',
      VIGIL_SQLITE_SYNC: 'full',
      VIGIL_PG_SCHEMA: 'public',
      DATABASE_URL: undefined,
      VIGIL_ADMIN_TOKEN: undefined,
      VIGIL_SCHEDULER: 'on',
      VIGIL_NOTIFIER: 'on',
    },
  },
  {
    name: 'the scheduler and the notifier can be turned off',
    input: { VIGIL_SCHEDULER: 'off', VIGIL_NOTIFIER: 'off' },
    expected: { VIGIL_SCHEDULER: 'off', VIGIL_NOTIFIER: 'off' },
  },
  {
    name: 'coerces PORT and keeps DATABASE_URL',
    input: {
      PORT: '9090',
      DATABASE_URL: 'postgres://u@h:5432/db',
      VIGIL_ADMIN_TOKEN: 'x'.repeat(16),
    },
    expected: {
      PORT: 9090,
      DATABASE_URL: 'postgres://u@h:5432/db',
      VIGIL_ADMIN_TOKEN: 'x'.repeat(16),
    },
  },
  {
    name: 'an empty DATABASE_URL means SQLite',
    input: { DATABASE_URL: '' },
    expected: { DATABASE_URL: undefined },
  },
];

describe('loadEnv', () => {
  it.each(cases)('$name', ({ input, expected }) => {
    const env: Record<string, unknown> = loadEnv(input);
    for (const [k, v] of Object.entries(expected)) expect(env[k], k).toEqual(v);
  });

  it('fails fast listing every invalid variable', () => {
    let error: unknown;
    try {
      loadEnv({
        PORT: 'http',
        DATABASE_URL: 'mysql://x',
        VIGIL_ADMIN_TOKEN: 'short',
        VIGIL_SQLITE_SYNC: 'off',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const vars = (error as EnvError).issues.map((i) => i.variable).sort();
    expect(vars).toEqual(['DATABASE_URL', 'PORT', 'VIGIL_ADMIN_TOKEN', 'VIGIL_SQLITE_SYNC']);
    expect((error as Error).message).toContain('VIGIL_ADMIN_TOKEN: must be at least 16 characters');
  });

  it('.env.example documents every variable, with its default, and nothing else', () => {
    const text = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const documented = new Map<string, string>();
    for (const m of text.matchAll(/^# ([A-Z][A-Z0-9_]*)=(.*)$/gm)) documented.set(m[1], m[2]);
    expect([...documented.keys()].sort()).toEqual(Object.keys(EnvSchema.shape).sort());
    // A commented-out value is the default where there is one, and always a valid value.
    const defaults = loadEnv({}) as Record<string, unknown>;
    for (const [name, value] of documented) {
      if (defaults[name] !== undefined) expect(String(defaults[name]), name).toBe(value);
      expect(() => loadEnv({ [name]: value }), name).not.toThrow();
    }
  });
});
