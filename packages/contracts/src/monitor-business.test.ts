// The business monitor spec: `join: key`, `tags` and `per_prediction` are additive (documents
// without them parse as before) and strict (impossible combinations are refused with a path).
import { describe, expect, it } from 'vitest';
import { monitorDefinitionSchema } from './monitor.js';

const doc = (spec: Record<string, unknown>) => ({
  apiVersion: 'vigil/v1',
  kind: 'Monitor',
  metadata: { name: 'ctr' },
  spec: {
    type: 'business',
    model: 'ranker',
    outcome: 'click',
    condition: { below: 0.02 },
    ...spec,
  },
});

describe('business monitor spec', () => {
  it('parses an existing document unchanged (no join, no tags in the output)', () => {
    const r = monitorDefinitionSchema.parse(doc({ aggregate: 'mean', groupBy: ['model_version'] }));
    expect(r.spec).not.toHaveProperty('join');
    expect(r.spec).not.toHaveProperty('tags');
    expect(r.spec).toMatchObject({ aggregate: 'mean', groupBy: ['model_version'] });
  });

  it('accepts keyed outcomes with a tag filter and per_prediction', () => {
    const r = monitorDefinitionSchema.parse(
      doc({ join: 'key', tags: { surface: 'home' }, aggregate: 'per_prediction' }),
    );
    expect(r.spec).toMatchObject({
      join: 'key',
      tags: { surface: 'home' },
      aggregate: 'per_prediction',
    });
  });

  it.each([
    {
      name: 'per_prediction with groupBy',
      spec: { aggregate: 'per_prediction', groupBy: ['segment'] },
      message: 'per_prediction takes no groupBy',
    },
    {
      name: 'keyed outcomes grouped by model version',
      spec: { join: 'key', groupBy: ['model_version'] },
      message: 'carry no model version',
    },
    { name: 'an unknown join', spec: { join: 'label' }, message: '' },
    { name: 'an unknown key', spec: { joinOn: 'key' }, message: '' },
  ])('refuses $name', ({ spec, message }) => {
    const r = monitorDefinitionSchema.safeParse(doc(spec));
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0].path[0]).toBe('spec');
      expect(r.error.issues.map((i) => i.message).join('\n')).toContain(message);
    }
  });
});
