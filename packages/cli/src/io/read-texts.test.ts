// readTexts: readable files come back in order, unreadable ones as problem lines, never a throw.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTexts } from './read-texts.js';

describe('readTexts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-read-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every file it can and reports each one it cannot', async () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(a, 'kind: Monitor\n');
    writeFileSync(b, 'é\n');
    const gone = join(dir, 'gone.yaml');
    const r = await readTexts([a, gone, b, dir]);
    expect(r.texts).toEqual([
      { file: a, text: 'kind: Monitor\n' },
      { file: b, text: 'é\n' },
    ]);
    expect(r.problems).toEqual([`${gone}: cannot read: ENOENT`, `${dir}: cannot read: EISDIR`]);
  });
});
