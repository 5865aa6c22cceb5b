import { type ChannelDefinitionInput, channelDefinitionSchema } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactChannel } from './channels.js';

const def = (spec: ChannelDefinitionInput['spec']) =>
  channelDefinitionSchema.parse({
    apiVersion: 'vigil/v1',
    kind: 'Channel',
    metadata: { name: 'c' },
    spec,
  });

describe('redactChannel', () => {
  it.each([
    {
      name: 'webhook: the HMAC secret',
      spec: { type: 'webhook', url: 'https://h.example/hook', secret: 'k' },
      want: { url: 'https://h.example/hook', secret: REDACTED },
      redacted: ['spec.secret'],
    },
    {
      name: 'webhook without secret: nothing',
      spec: { type: 'webhook', url: 'https://h.example/hook' },
      want: { url: 'https://h.example/hook' },
      redacted: [],
    },
    {
      name: 'webhook: a token in the query string',
      spec: { type: 'webhook', url: 'https://h.example/hook?token=abc' },
      want: { url: `https://h.example/hook${REDACTED}` },
      redacted: ['spec.url'],
    },
    {
      name: 'slack: the URL is the credential',
      spec: { type: 'slack', url: 'https://hooks.slack.com/services/T0/B0/XyZ' },
      want: { url: `https://hooks.slack.com/${REDACTED}` },
      redacted: ['spec.url'],
    },
    {
      name: 'alertmanager: basic auth in the URL',
      spec: { type: 'alertmanager', url: 'http://user:pw@am:9093' },
      want: { url: `http://am:9093/${REDACTED}` },
      redacted: ['spec.url'],
    },
    {
      name: 'pagerduty: the routing key',
      spec: { type: 'pagerduty', routingKey: 'R0UT1NG' },
      want: { routingKey: REDACTED, url: 'https://events.pagerduty.com/v2/enqueue' },
      redacted: ['spec.routingKey'],
    },
    {
      name: 'email: the SMTP password',
      spec: {
        type: 'email',
        host: 'smtp',
        username: 'u',
        password: 'pw',
        from: 'v@x.io',
        to: ['a@x.io'],
      },
      want: { username: 'u', password: REDACTED },
      redacted: ['spec.password'],
    },
  ] as const)('$name', ({ spec, want, redacted }) => {
    const input = def(spec as ChannelDefinitionInput['spec']);
    const before = JSON.stringify(input);
    const out = redactChannel(input);
    expect(out.definition.spec).toMatchObject(want);
    expect(out.redacted).toEqual(redacted);
    // The stored definition is not modified.
    expect(JSON.stringify(input)).toBe(before);
  });
});
