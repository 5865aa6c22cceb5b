import { describe, expect, it } from 'vitest';
import { modelSpecSchema } from './model.js';
import { createProjectSchema, parseApiKey } from './project.js';

const secret = `${'Ab3'.repeat(10)}xy`;

describe('parseApiKey', () => {
  it.each([
    { key: `vgl_acme_${secret}`, out: { projectId: 'acme', secret } },
    { key: `vgl_team-7_${secret}`, out: { projectId: 'team-7', secret } },
    { key: `vgl_acme_${secret}x`, out: null },
    { key: `vgl_Acme_${secret}`, out: null },
    { key: `vgl_acme_${secret.slice(1)}_`, out: null },
    { key: `sk_acme_${secret}`, out: null },
    { key: '', out: null },
  ])('$key', ({ key, out }) => {
    expect(parseApiKey(key)).toEqual(out);
  });
});

describe('project and model schemas', () => {
  it.each([
    { name: 'valid project', body: { id: 'acme', name: 'Acme' }, ok: true },
    { name: 'underscore in id', body: { id: 'ac_me', name: 'Acme' }, ok: false },
    { name: 'unknown key', body: { id: 'acme', name: 'Acme', owner: 'x' }, ok: false },
  ])('$name', ({ body, ok }) => {
    expect(createProjectSchema.safeParse(body).success).toBe(ok);
  });

  it('rejects duplicate feature names at the second one', () => {
    const r = modelSpecSchema.safeParse({
      name: 'm',
      features: [
        { name: 'age', kind: 'numerical', importance: 0.5 },
        { name: 'age', kind: 'categorical' },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['features', 1, 'name']);
  });
});
