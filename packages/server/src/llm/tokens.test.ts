// Token counting with the bundled tokenizers: the encoding chosen by model family, text flattened
// from chat messages, and the chat format's overhead per message.
import { describe, expect, it } from 'vitest';
import { countTokens, encodingFor, textOf } from './tokens.js';

describe('encodingFor', () => {
  it('uses o200k_base for recent OpenAI families and cl100k_base otherwise', () => {
    for (const m of [
      'gpt-4o',
      'gpt-4o-mini-2024-07-18',
      'gpt-4.1-nano',
      'gpt-5',
      'o1',
      'o3-mini',
      'chatgpt-4o-latest',
    ])
      expect(encodingFor(m)).toBe('o200k_base');
    for (const m of [
      'gpt-4',
      'gpt-3.5-turbo',
      'text-embedding-3-small',
      'claude-3-5-sonnet',
      'llama-3',
    ])
      expect(encodingFor(m)).toBe('cl100k_base');
  });
});

describe('textOf', () => {
  it('flattens strings, chat messages and content parts', () => {
    expect(textOf('hi')).toEqual({ text: 'hi', messages: 0 });
    expect(
      textOf([
        { role: 'user', content: 'a' },
        { role: 'assistant', content: [{ type: 'text', text: 'b' }] },
      ]),
    ).toEqual({
      text: 'user\na\nassistant\nb',
      messages: 2,
    });
    expect(textOf({ value: 1 })).toEqual({ text: '{"value":1}', messages: 0 });
    expect(textOf(null)).toEqual({ text: '', messages: 0 });
  });
});

describe('countTokens', () => {
  it('counts text with the model family tokenizer', async () => {
    // "hello world" is two tokens in both cl100k_base and o200k_base ("hello", " world").
    expect(await countTokens('hello world', 'gpt-4o')).toBe(2);
    expect(await countTokens('hello world', 'gpt-4')).toBe(2);
    expect(await countTokens('', 'gpt-4o')).toBe(0);
    expect(await countTokens(null, 'gpt-4o')).toBeNull();
  });
  it('adds the chat overhead: 3 tokens per message and 3 to prime the reply', async () => {
    const text = await countTokens('user\nhello world', 'gpt-4o');
    expect(await countTokens([{ role: 'user', content: 'hello world' }], 'gpt-4o')).toBe(
      (text ?? 0) + 6,
    );
  });
});
