import { type MonitorDefinition, monitorDefinitionSchema } from '@vigil/contracts';
import { describe, expect, it } from 'vitest';
import { evaluateMonitor, type MonitorInput } from './evaluate.js';
import { baselineOf, normals, windowLike } from './testdata/profiles.js';

function def(spec: Record<string, unknown>): MonitorDefinition {
  return monitorDefinitionSchema.parse({
    apiVersion: 'vigil/v1',
    kind: 'Monitor',
    metadata: { name: 'm1' },
    spec: { model: 'fraud', minSampleSize: 10, ...spec },
  });
}

const ref = baselineOf(normals(1000, 1));
const cur = windowLike(ref, normals(1000, 2, 1));

describe('evaluateMonitor dispatches on the monitor type', () => {
  type Case = { name: string; spec: Record<string, unknown>; input: MonitorInput; status: string };
  const cases: Case[] = [
    {
      name: 'data_drift',
      spec: { type: 'data_drift' },
      input: { type: 'data_drift', baseline: { x: ref }, current: { x: cur } },
      status: 'BREACH',
    },
    {
      name: 'data_quality',
      spec: { type: 'data_quality' },
      input: { type: 'data_quality', baseline: { x: ref }, current: { x: cur } },
      status: 'BREACH',
    },
    {
      name: 'prediction_drift',
      spec: { type: 'prediction_drift' },
      input: { type: 'prediction_drift', baseline: ref, current: cur },
      status: 'OK',
    },
    {
      name: 'performance',
      spec: { type: 'performance', metric: 'accuracy' },
      input: {
        type: 'performance',
        baselineValue: 1,
        current: {
          kind: 'confusion',
          labels: [0, 1],
          matrix: [
            [5, 5],
            [0, 10],
          ],
        },
      },
      status: 'BREACH',
    },
    {
      name: 'infrastructure',
      spec: { type: 'infrastructure', signal: 'error_rate', condition: { above: 0.1 } },
      input: { type: 'infrastructure', requests: 100, errors: 1, windowMs: 1000 },
      status: 'OK',
    },
    {
      name: 'business',
      spec: { type: 'business', outcome: 'click', condition: { below: 0.1 } },
      input: { type: 'business', points: [{ labels: {}, value: 0.05, sampleSize: 100 }] },
      status: 'BREACH',
    },
    {
      name: 'custom',
      spec: { type: 'custom', series: 's', condition: { above: 1 } },
      input: { type: 'custom', points: [{ labels: {}, value: 0.5, sampleSize: 100 }] },
      status: 'OK',
    },
    {
      name: 'input of another type → ERROR',
      spec: { type: 'custom', series: 's', condition: { above: 1 } },
      input: { type: 'business', points: [] },
      status: 'ERROR',
    },
  ];
  it.each(cases)('$name', (c) => {
    const e = evaluateMonitor(def(c.spec), c.input);
    expect(e.status).toBe(c.status);
    expect(e.monitor).toBe('m1');
    expect(e.type).toBe(c.spec.type);
  });
});
