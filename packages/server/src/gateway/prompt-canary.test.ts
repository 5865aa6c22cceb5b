// Serving a prompt canary's variant: the baseline's rendering is recognised at the head of the
// messages, its variables read back and the served version rendered with them; anything else is
// left out of the canary. Assignment is assignVariant of the unit over the weights in force.
import { assignVariant, type PromptContent } from '@vigil/contracts';
import type { Canary } from '@vigil/store';
import { describe, expect, it } from 'vitest';
import { type ActivePromptCanary, assignPromptCall, renderServed } from './prompt-canary.js';

const chat = (...messages: Array<[string, string]>): PromptContent => ({
  type: 'chat',
  messages: messages.map(([role, content]) => ({
    role: role as 'system' | 'user',
    content,
  })),
  variables: [],
  config: {},
});
const v1 = chat(['system', 'You help {{customer}}. Be brief.'], ['user', 'Q: {{question}}']);
const v2 = chat(
  ['system', 'You help {{customer}}. Be brief and kind.'],
  ['user', 'Q: {{question}} (from {{customer}})'],
);
const sent = [
  { role: 'system', content: 'You help Ann. Be brief.' },
  { role: 'user', content: 'Q: where is my order?' },
  { role: 'assistant', content: 'Shipped.' },
];

describe('renderServed', () => {
  it('renders the served version with the values read from the baseline, keeping the rest', () => {
    expect(renderServed(sent, v1, v2)).toEqual([
      { role: 'system', content: 'You help Ann. Be brief and kind.' },
      { role: 'user', content: 'Q: where is my order? (from Ann)' },
      { role: 'assistant', content: 'Shipped.' },
    ]);
    expect(renderServed(sent, v1, v1)).toEqual(sent);
  });

  it('leaves out messages that are not the baseline (text, role, count, disagreeing values)', () => {
    expect(renderServed([{ role: 'system', content: 'Other.' }, sent[1]], v1, v2)).toBeNull();
    expect(renderServed([{ ...sent[0], role: 'user' }, sent[1]], v1, v2)).toBeNull();
    expect(renderServed([sent[0]], v1, v2)).toBeNull();
    const twice = chat(['system', '{{a}} and {{a}}']);
    expect(renderServed([{ role: 'system', content: 'x and y' }], twice, twice)).toBeNull();
    expect(renderServed([{ role: 'system', content: 'x and x' }], twice, twice)).not.toBeNull();
    // Regex characters in the prompt are literal.
    const dots = chat(['system', 'Price (USD): {{p}}.*']);
    expect(
      renderServed([{ role: 'system', content: 'Price (USD): 3.*' }], dots, dots),
    ).not.toBeNull();
    expect(renderServed([{ role: 'system', content: 'Price xUSDx: 3ab' }], dots, dots)).toBeNull();
  });

  it('refuses a served version that needs a variable the baseline does not give', () => {
    const needs = chat(
      ['system', 'You help {{customer}} in {{city}}.'],
      ['user', 'Q: {{question}}'],
    );
    expect(renderServed(sent, v1, needs)).toBeNull();
  });

  it('renders a text prompt into the first message, keeping its role', () => {
    const t1: PromptContent = {
      type: 'text',
      template: 'Answer: {{q}}',
      variables: ['q'],
      config: {},
    };
    const t2: PromptContent = { ...t1, template: 'Answer briefly: {{q}}' };
    expect(renderServed([{ role: 'user', content: 'Answer: hi' }], t1, t2)).toEqual([
      { role: 'user', content: 'Answer briefly: hi' },
    ]);
  });
});

describe('assignPromptCall', () => {
  const canary = (weight: number) =>
    ({
      name: 'support-v2',
      kind: 'prompt',
      model: 'support',
      promptLabel: 'production',
      baseline: { variant: 'control', version: 1, weight: 1 - weight },
      candidate: { variant: 'treatment', version: 2, weight },
    }) as unknown as Canary;
  const active = (weight: number): ActivePromptCanary => ({
    canary: canary(weight),
    baseline: v1,
    candidate: v2,
  });

  it('gives every unit the variant assignVariant gives it, and the version it serves', () => {
    let candidates = 0;
    for (let i = 0; i < 500; i++) {
      const a = assignPromptCall(active(0.1), `user-${i}`, sent);
      const expected = assignVariant(`user-${i}`, 'support-v2', [
        { name: 'control', weight: 0.9 },
        { name: 'treatment', weight: 0.1 },
      ]);
      expect(a?.variant).toBe(expected);
      expect(a?.version).toBe(expected === 'treatment' ? 2 : 1);
      expect((a?.messages[0] as { content: string } | undefined)?.content).toBe(
        expected === 'treatment' ? 'You help Ann. Be brief and kind.' : 'You help Ann. Be brief.',
      );
      if (expected === 'treatment') candidates++;
    }
    expect(candidates).toBeGreaterThan(25);
    expect(candidates).toBeLessThan(80);
  });

  it('sends everyone to the baseline after a rollback (candidate weight 0)', () => {
    for (let i = 0; i < 100; i++)
      expect(assignPromptCall(active(0), `user-${i}`, sent)?.variant).toBe('control');
  });
});
