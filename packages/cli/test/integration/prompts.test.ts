// `vigil prompts` against a real server (in-process, SQLite in a temp dir): push prompt files as
// versions only when their content changed, move labels with --label and `label`, list, revert;
// bad files are reported as file:line:col: field: message and nothing is pushed (exit 2).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '@vigil/server';
import { openSqliteStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { TempDir } from '../helpers/temp.js';

const ADMIN = 'admin-token-for-prompts-tests';
const dir = new TempDir();

const BOT = `name: support-bot
messages:
  - role: system
    content: You answer questions about {{product}} prices from the table.
  - role: user
    content: "{{question}}"
variables: [product, question]
config:
  model: gpt-4o
  temperature: 0.2
  max_tokens: 400
`;
const FAQ = `apiVersion: vigil/v1
kind: Prompt
name: faq
template: "Answer briefly: {{q}}"
`;

describe('vigil prompts', () => {
  const store = openSqliteStore(join(dir.path, 'vigil.db'));
  const promptsDir = join(dir.path, 'prompts');
  let server: Awaited<ReturnType<typeof startServer>>;
  let env: Record<string, string> = {};
  const vigil = (...args: string[]) => runCli(args, { env });

  beforeAll(async () => {
    await store.migrate();
    server = await startServer({ store, port: 0, host: '127.0.0.1', adminToken: ADMIN });
    const res = await fetch(`${server.url}/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'p1', name: 'P1' }),
    });
    const key = ((await res.json()) as { api_key: { key: string } }).api_key.key;
    env = { VIGIL_ENDPOINT: server.url, VIGIL_API_KEY: key };
    mkdirSync(promptsDir);
    writeFileSync(join(promptsDir, 'support-bot.yaml'), BOT);
    writeFileSync(join(promptsDir, 'faq.yml'), FAQ);
    writeFileSync(join(promptsDir, 'README.md'), 'not a prompt');
  });
  afterAll(async () => {
    await server?.close();
    await store.close();
    dir.remove();
  });

  it('pushes new versions only when the content changed', async () => {
    const first = await vigil('prompts', 'push', promptsDir, '--label', 'production');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      'faq: version 1 created [latest, production]\nsupport-bot: version 1 created [latest, production]\n',
    );
    const again = await vigil('prompts', 'push', promptsDir);
    expect(again.stdout).toBe(
      'faq: version 1 unchanged [latest, production]\nsupport-bot: version 1 unchanged [latest, production]\n',
    );
    writeFileSync(
      join(promptsDir, 'support-bot.yaml'),
      BOT.replace('temperature: 0.2', 'temperature: 0.9'),
    );
    const changed = await vigil(
      'prompts',
      'push',
      promptsDir,
      '--label',
      'staging',
      '-m',
      'abc123',
    );
    expect(changed.stdout).toContain('support-bot: version 2 created [latest, staging]');
    expect(changed.stdout).toContain('faq: version 1 unchanged [latest, production, staging]');
    const v2 = await store.prompts.getVersion('p1', 'support-bot', 2);
    expect(v2?.commitMessage).toBe('abc123');
    expect(v2?.content.config).toEqual({ model: 'gpt-4o', temperature: 0.9, max_tokens: 400 });
  });

  it('lists prompts, moves and reverts labels', async () => {
    const list = await vigil('prompts', 'list');
    expect(list.stdout).toBe(
      'NAME         LATEST  LABELS\n' +
        'faq          1       latest=1 production=1 staging=1\n' +
        'support-bot  2       latest=2 production=1 staging=2\n',
    );
    const moved = await vigil('prompts', 'label', 'support-bot', '2', 'production');
    expect(moved.stdout).toBe('support-bot@production: 1 -> 2\n');
    const reverted = await vigil('prompts', 'revert', 'support-bot', 'production');
    expect(reverted.stdout).toBe('support-bot@production: 2 -> 1 (reverted)\n');
    expect((await store.prompts.getByLabel('p1', 'support-bot', 'production'))?.version).toBe(1);
  });

  it('reports every problem of bad files at file:line:col with the field, pushing nothing', async () => {
    const bad = join(dir.path, 'bad');
    mkdirSync(bad);
    writeFileSync(
      join(bad, 'a.yaml'),
      'name: a\ntemplate: "Hi {{who}}"\nvariables: [name]\nconfig:\n  temperature: 5\n  colour: red\n',
    );
    writeFileSync(join(bad, 'b.yaml'), 'name: b\nmessages:\n  - role: robot\n    content: x\n');
    writeFileSync(join(bad, 'c.yaml'), 'name: c\ntemplate: [unclosed\n');
    const r = await vigil('prompts', 'push', bad);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/a\.yaml:2:11: template: variable "who" is not declared$/),
      expect.stringMatching(/a\.yaml:5:16: config\.temperature: .*2/),
      expect.stringMatching(/a\.yaml:6:3: config\.colour: unknown key "colour"$/),
      expect.stringMatching(/b\.yaml:3:11: messages\[0\]\.role: /),
      expect.stringMatching(/c\.yaml:\d+:\d+: YAML: /),
      'vigil: 5 problems in 3 prompt files; nothing pushed',
    ]);
    expect(await store.prompts.listVersions('p1', 'a')).toEqual([]);
  });

  it.each([
    [
      ['prompts', 'label', 'support-bot', 'two', 'production'],
      /VERSION must be a positive integer/,
    ],
    [
      ['prompts', 'label', 'support-bot', '9', 'production'],
      /HTTP 404: prompt "support-bot" has no version 9/,
    ],
    [['prompts', 'revert', 'faq', 'latest'], /HTTP 400: .*latest/],
    [['prompts', 'push', '/nonexistent/prompts'], /\/nonexistent\/prompts: cannot read: ENOENT/],
    [['prompts', 'push', 'x', '--label', 'Bad Label'], /LABEL must be lowercase/],
    [
      ['serve', '--port', '0', '--gateway-config', '/nonexistent/gateway.json'],
      /gateway\.json: cannot read/,
    ],
  ])('%j fails with one line', async (args, re) => {
    const r = await vigil(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(re);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});
