// Prompt files: content extracted with sorted variables, and every problem at its line and column.
import { describe, expect, it } from 'vitest';
import { promptContentOf } from './prompt.js';
import { formatPromptFileIssue, parsePromptFile } from './prompt-file.js';

describe('parsePromptFile', () => {
  it('reads a chat prompt and derives its variables when none are declared', () => {
    const r = parsePromptFile(
      'apiVersion: vigil/v1\nkind: Prompt\nname: bot\nmessages:\n  - role: system\n    content: "For {{ company }}"\n  - role: user\n    content: "{{question}} {{company}}"\nconfig: { model: gpt-4o, temperature: 0.3 }\n',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(promptContentOf(r.prompt)).toEqual({
      type: 'chat',
      messages: [
        { role: 'system', content: 'For {{ company }}' },
        { role: 'user', content: '{{question}} {{company}}' },
      ],
      variables: ['company', 'question'],
      config: { model: 'gpt-4o', temperature: 0.3 },
    });
  });

  it.each([
    ['name: a\n', '<input>:1:1: give exactly one of "messages" (chat) or "template" (text)'],
    [
      'apiVersion: vigil/v2\nname: a\ntemplate: x\n',
      '<input>:1:13: apiVersion: unsupported apiVersion "vigil/v2": expected vigil/v1',
    ],
    [
      'kind: Monitor\nname: a\ntemplate: x\n',
      '<input>:1:7: kind: kind must be "Prompt", got "Monitor"',
    ],
    ['name: a\ntemplate: x\ntemplate: y\n', '<input>:3:1: YAML: Map keys must be unique'],
    ['- a\n', '<input>:1:1: a prompt file must be a mapping (name, messages or template, ...)'],
    [
      'name: a\ntemplate: "{{b}}"\nvariables: [c]\n',
      '<input>:2:11: template: variable "b" is not declared',
    ],
    [
      'name: a\ntemplate: x\nconfig:\n  max_tokens: -1\n',
      '<input>:4:15: config.max_tokens: Too small: expected number to be >=1',
    ],
  ])('%j → %s', (text, first) => {
    const r = parsePromptFile(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatPromptFileIssue(r.issues[0] as (typeof r.issues)[0])).toBe(first);
  });
});
