import { alertSchema } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';
import { alertConfigFromSpec } from './config.js';

describe('alertConfigFromSpec', () => {
  type Case = { name: string; input: Record<string, unknown>; expected: Record<string, unknown> };
  const cases: Case[] = [
    {
      name: 'defaults: fire at once, renotify every 4 h, severity warning',
      input: {},
      expected: {
        forMs: 0,
        keepFiringForMs: 0,
        renotifyEveryMs: 14_400_000,
        labels: { model: 'fraud', severity: 'warning' },
      },
    },
    {
      name: 'durations from text, resolveWhen kept',
      input: {
        for: '15m',
        keepFiringFor: '10m',
        renotifyEvery: '1h',
        severity: 'critical',
        resolveWhen: { below: 0.1 },
      },
      expected: {
        forMs: 900_000,
        keepFiringForMs: 600_000,
        renotifyEveryMs: 3_600_000,
        resolveWhen: { below: 0.1 },
        labels: { model: 'fraud', severity: 'critical' },
      },
    },
  ];
  it.each(cases)('$name', (c) => {
    const cfg = alertConfigFromSpec(alertSchema.parse(c.input), {
      monitorId: 'm',
      labels: { model: 'fraud' },
    });
    expect(cfg).toMatchObject({ monitorId: 'm', ...c.expected });
  });
});
