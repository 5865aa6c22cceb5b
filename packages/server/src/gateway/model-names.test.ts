// Versioned names vs aliases, and pin resolution order (service pin, then `*`).
import type { ModelPin } from '@vigil/store';
import { describe, expect, it } from 'vitest';
import { isVersionedModel, resolvePin } from './model-names.js';

describe('isVersionedModel', () => {
  it.each([
    ['gpt-4o-2024-11-20', true],
    ['claude-3-5-sonnet-20241022', true],
    ['gpt-4-0613', true],
    ['gpt-3.5-turbo-1106', true],
    ['gemini-1.5-pro-002', true],
    ['mistral-large-v2', true],
    ['gemini-2.5-pro-preview-05-06', true],
    ['gpt-4o', false],
    ['gpt-4o-mini', false],
    ['claude-3-5-sonnet-latest', false],
    ['text-embedding-3-small', false],
    ['llama-3.1-8b', false],
  ])('%s → %s', (name, expected) => {
    expect(isVersionedModel(name)).toBe(expected);
  });
});

const pin = (service: string, model: string, pinned: string): ModelPin => ({
  service,
  model,
  pinned,
  updatedMs: 0,
  actor: 't',
});

describe('resolvePin', () => {
  const pins = [pin('*', 'gpt-4o', 'gpt-4o-2024-11-20'), pin('bot', 'gpt-4o', 'gpt-4o-2024-08-06')];
  it('prefers the service pin, then the project-wide one', () => {
    expect(resolvePin(pins, 'bot', 'gpt-4o').model).toBe('gpt-4o-2024-08-06');
    expect(resolvePin(pins, 'other', 'gpt-4o')).toMatchObject({
      model: 'gpt-4o-2024-11-20',
      unpinnedAlias: false,
    });
  });
  it('flags an alias nobody pinned, not a versioned name', () => {
    expect(resolvePin(pins, 'bot', 'gpt-4o-mini')).toEqual({
      model: 'gpt-4o-mini',
      pin: null,
      unpinnedAlias: true,
    });
    expect(resolvePin(pins, 'bot', 'gpt-4-0613').unpinnedAlias).toBe(false);
  });
});
