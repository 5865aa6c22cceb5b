import { monitorSpecSchema } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';
import {
  evaluateInfrastructure,
  type InfrastructureInput,
  type InfrastructureSpec,
} from './infrastructure.js';
import { sketchOnly } from './testdata/profiles.js';

function spec(extra: Record<string, unknown>): InfrastructureSpec {
  return monitorSpecSchema.parse({
    type: 'infrastructure',
    model: 'm',
    minSampleSize: 10,
    ...extra,
  }) as InfrastructureSpec;
}

// Latencies 1..1000 ms: numpy.quantile (linear) gives p50 500.5, p95 950.05, p99 990.01.
const latencyMs = sketchOnly(Array.from({ length: 1000 }, (_, i) => i + 1));
const input: InfrastructureInput = { latencyMs, requests: 1200, errors: 30, windowMs: 60_000 };

describe('evaluateInfrastructure', () => {
  type Case = {
    name: string;
    spec: Record<string, unknown>;
    input?: Partial<InfrastructureInput>;
    status: string;
    value: number | null;
    tolerance?: number;
  };
  const cases: Case[] = [
    {
      name: 'p50 500.5 ms, above 400 → BREACH',
      spec: { signal: 'latency_p50', condition: { above: 400 } },
      status: 'BREACH',
      value: 500.5,
      tolerance: 5.01,
    },
    {
      name: 'p95 950.05 ms, above 1000 → OK',
      spec: { signal: 'latency_p95', condition: { above: 1000 } },
      status: 'OK',
      value: 950.05,
      tolerance: 9.51,
    },
    {
      name: 'p99 990.01 ms, above 900 → BREACH',
      spec: { signal: 'latency_p99', condition: { above: 900 } },
      status: 'BREACH',
      value: 990.01,
      tolerance: 9.91,
    },
    {
      name: 'latency with too few values → NO_DATA',
      spec: { signal: 'latency_p99', condition: { above: 900 }, minSampleSize: 5000 },
      status: 'NO_DATA',
      value: null,
    },
    {
      name: 'throughput 20/s below 50 → BREACH',
      spec: { signal: 'throughput', condition: { below: 50 } },
      status: 'BREACH',
      value: 20,
    },
    {
      name: 'throughput 0 is a value, never NO_DATA',
      spec: { signal: 'throughput', condition: { below: 1 } },
      input: { requests: 0 },
      status: 'BREACH',
      value: 0,
    },
    {
      name: 'error rate 2.5 % above 1 % → BREACH',
      spec: { signal: 'error_rate', condition: { above: 0.01 } },
      status: 'BREACH',
      value: 0.025,
    },
    {
      name: 'error rate on 5 requests → NO_DATA',
      spec: { signal: 'error_rate', condition: { above: 0.01 } },
      input: { requests: 5, errors: 5 },
      status: 'NO_DATA',
      value: null,
    },
  ];
  it.each(cases)('$name', (c) => {
    const e = evaluateInfrastructure('infra', spec(c.spec), { ...input, ...c.input });
    expect(e.status).toBe(c.status);
    if (c.value === null) expect(e.value).toBeNull();
    else expect(Math.abs((e.value as number) - c.value)).toBeLessThanOrEqual(c.tolerance ?? 1e-12);
  });
});
