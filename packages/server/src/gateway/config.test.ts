// Gateway config files: valid files with keys from the environment, every error naming the file
// and field, and first-match-wins model globs.
import { describe, expect, it } from 'vitest';
import { GatewayConfigError, parseGatewayConfig, upstreamMatcher } from './config.js';

const FILE = {
  upstreams: [
    {
      name: 'mini',
      models: ['gpt-4o-mini*'],
      base_url: 'http://127.0.0.1:9000/v1/',
      api_key: 'sk-a',
    },
    {
      name: 'openai',
      models: ['gpt-*', 'o?-x', 'text-embedding-*'],
      base_url: 'https://api.openai.com/v1',
      api_key_env: 'OPENAI_API_KEY',
      timeout_ms: 30_000,
    },
  ],
};

describe('parseGatewayConfig', () => {
  it('reads upstreams, trims base URLs and takes keys from the environment', () => {
    const c = parseGatewayConfig(FILE, { OPENAI_API_KEY: 'sk-env' });
    expect(c.upstreams).toEqual([
      {
        name: 'mini',
        models: ['gpt-4o-mini*'],
        baseUrl: 'http://127.0.0.1:9000/v1',
        apiKey: 'sk-a',
      },
      {
        name: 'openai',
        models: ['gpt-*', 'o?-x', 'text-embedding-*'],
        baseUrl: 'https://api.openai.com/v1',
        apiKey: 'sk-env',
        timeoutMs: 30_000,
      },
    ]);
    const match = upstreamMatcher(c);
    expect(match('gpt-4o-mini-2024-07-18')?.name).toBe('mini');
    expect(match('gpt-4o')?.name).toBe('openai');
    // `?` is literal: only `*` is a wildcard.
    expect(match('o?-x')?.name).toBe('openai');
    expect(match('o1-x')).toBeNull();
    expect(match('claude-3')).toBeNull();
  });

  it.each([
    [{ upstreams: [] }, 'g.json: upstreams: '],
    [{ upstreams: [{ ...FILE.upstreams[0], base_url: 'ftp://x' }] }, 'upstreams[0].base_url'],
    [{ upstreams: [{ ...FILE.upstreams[0], colour: 1 }] }, 'Unrecognized key'],
    [
      { upstreams: [{ ...FILE.upstreams[0], api_key_env: 'K' }] },
      'upstreams[0].api_key_env: give api_key or api_key_env',
    ],
    [
      { upstreams: [FILE.upstreams[1]] },
      'upstreams[0].api_key_env: environment variable OPENAI_API_KEY is not set',
    ],
  ])('refuses %j', (value, message) => {
    expect(() => parseGatewayConfig(value, {}, 'g.json')).toThrow(GatewayConfigError);
    expect(() => parseGatewayConfig(value, {}, 'g.json')).toThrow(message);
  });
});
