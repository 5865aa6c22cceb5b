// Reference and alias-name parsing: what `name`, `name@3` and `name@alias` mean, and the exact
// strings refused.
import { describe, expect, it } from 'vitest';
import { StoreError } from '../errors.js';
import { aliasNameProblem, parseModelRef } from './ref.js';

describe('parseModelRef', () => {
  it('reads the three forms and latest', () => {
    expect(parseModelRef('churn')).toEqual({ model: 'churn', kind: 'latest' });
    expect(parseModelRef('churn@latest')).toEqual({ model: 'churn', kind: 'latest' });
    expect(parseModelRef('churn.v2@12')).toEqual({
      model: 'churn.v2',
      kind: 'version',
      version: 12,
    });
    expect(parseModelRef('churn@production')).toEqual({
      model: 'churn',
      kind: 'alias',
      alias: 'production',
    });
    expect(parseModelRef('a_b-c@shadow-2')).toMatchObject({ kind: 'alias', alias: 'shadow-2' });
  });

  it('refuses malformed references with INVALID_ARGUMENT', () => {
    for (const ref of [
      '',
      '@x',
      'm@',
      'm@0',
      'm@01',
      'm@-1',
      'm@1.5',
      'm@Prod',
      'm@a b',
      'm@x@y',
      ' m',
      'm!',
    ]) {
      try {
        parseModelRef(ref);
        expect.unreachable(ref);
      } catch (e) {
        expect(e, ref).toBeInstanceOf(StoreError);
        expect((e as StoreError).code).toBe('INVALID_ARGUMENT');
      }
    }
  });
});

describe('aliasNameProblem', () => {
  it('accepts lower-case names and refuses the rest', () => {
    for (const ok of [
      'production',
      'canary',
      'champion',
      'a',
      'shadow_2',
      'blue-green',
      'x'.repeat(63),
    ]) {
      expect(aliasNameProblem(ok), ok).toBeNull();
    }
    for (const bad of ['', 'Production', '2nd', '_x', '-x', 'a b', 'a.b', 'x'.repeat(64), 'ünï']) {
      expect(aliasNameProblem(bad), bad).toMatch(/must start with a lower-case letter/);
    }
    expect(aliasNameProblem('latest')).toBe('alias "latest" is reserved');
  });
});
