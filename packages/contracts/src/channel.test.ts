import { describe, expect, it } from 'vitest';
import { channelDefinitionSchema, DEFAULT_CHANNEL } from './channel.js';

const doc = (spec: Record<string, unknown>) => ({
  apiVersion: 'vigil/v1',
  kind: 'Channel',
  metadata: { name: 'ops' },
  spec,
});

describe('channelDefinitionSchema', () => {
  it.each([
    { name: 'webhook with secret', spec: { type: 'webhook', url: 'https://h/x', secret: 's' } },
    { name: 'slack', spec: { type: 'slack', url: 'http://127.0.0.1:9/hook' } },
    { name: 'alertmanager', spec: { type: 'alertmanager', url: 'http://am:9093' } },
    { name: 'pagerduty', spec: { type: 'pagerduty', routingKey: 'R0' } },
    {
      name: 'email',
      spec: { type: 'email', host: 'smtp', from: 'v@x.io', to: ['a@x.io'], timeout: '2s' },
    },
  ])('accepts $name', ({ spec }) => {
    expect(channelDefinitionSchema.safeParse(doc(spec)).success).toBe(true);
  });

  it.each([
    { name: 'unknown type', spec: { type: 'sms', url: 'https://h' }, path: ['spec', 'type'] },
    { name: 'ftp url', spec: { type: 'slack', url: 'ftp://h/x' }, path: ['spec', 'url'] },
    { name: 'unknown key', spec: { type: 'slack', url: 'https://h', x: 1 }, path: ['spec'] },
    { name: 'pagerduty without key', spec: { type: 'pagerduty' }, path: ['spec', 'routingKey'] },
    {
      name: 'email without recipients',
      spec: { type: 'email', host: 'smtp', from: 'v@x.io', to: [] },
      path: ['spec', 'to'],
    },
    {
      name: 'bad sender',
      spec: { type: 'email', host: 'smtp', from: 'nobody', to: ['a@x.io'] },
      path: ['spec', 'from'],
    },
    {
      name: 'zero attempts',
      spec: { type: 'slack', url: 'https://h', maxAttempts: 0 },
      path: ['spec', 'maxAttempts'],
    },
  ])('rejects $name at $path', ({ spec, path }) => {
    const r = channelDefinitionSchema.safeParse(doc(spec));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(path);
  });

  it('rejects another kind', () => {
    expect(
      channelDefinitionSchema.safeParse({
        ...doc({ type: 'slack', url: 'https://h' }),
        kind: 'Monitor',
      }).success,
    ).toBe(false);
  });

  it('fills the delivery defaults and parses durations to ms', () => {
    const r = channelDefinitionSchema.parse(doc({ type: 'pagerduty', routingKey: 'R0' }));
    expect(r.spec).toEqual({
      type: 'pagerduty',
      routingKey: 'R0',
      url: DEFAULT_CHANNEL.pagerDutyUrl,
      timeout: 10_000,
      maxAttempts: 5,
    });
    const e = channelDefinitionSchema.parse(
      doc({ type: 'email', host: 'smtp', from: 'v@x.io', to: ['a@x.io'], timeout: '2s' }),
    );
    expect(e.spec).toMatchObject({ port: 587, secure: false, timeout: 2000 });
  });
});
