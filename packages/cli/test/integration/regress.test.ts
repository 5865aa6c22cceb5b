// `vigil regress run` and `vigil golden` end to end: a stub OpenAI-compatible target serving a
// 100-case golden set, a real Vigil server (SQLite) storing the runs and the accepted baseline.
// The gate passes the current prompt (exit 0), blocks a prompt that breaks 6 % of the cases
// (exit 1, naming them), passes a change that breaks none, and errors (exit 2) on a target that is
// down or a set with a duplicate id.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '@vigil/server';
import { openSqliteStore } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lastUser,
  type StubOpenAi,
  startStubOpenAi,
} from '../../../regress/test/helpers/stub-openai.js';
import { supportCases, writeSupportSet } from '../../../regress/test/helpers/support-set.js';
import { runCli } from '../helpers/run-cli.js';
import { TempDir } from '../helpers/temp.js';

const ADMIN = 'admin-token-for-regress-tests';
const BROKEN = ['case-005', 'case-018', 'case-033', 'case-064', 'case-091', 'case-099'];
const dir = new TempDir();
const cases = supportCases(100);
afterAll(() => dir.remove());

describe('vigil regress run', () => {
  const store = openSqliteStore(join(dir.path, 'vigil.db'));
  let server: Awaited<ReturnType<typeof startServer>>;
  let stub: StubOpenAi;
  let key = '';
  let setFile = '';

  const target = (name: string, template: string, baseUrl = stub.baseUrl) =>
    dir.write(
      `${name}.yaml`,
      `name: support-bot\nkind: openai\nbaseUrl: ${baseUrl}\nmodel: stub-1\nprompt:\n  template: "${template}"\nconcurrency: 16\nretries: 1\ntimeoutMs: 5000\n`,
    );
  const gate = (targetFile: string, ...extra: string[]) =>
    runCli(['regress', 'run', '--set', setFile, '--target', targetFile, ...extra]);

  beforeAll(async () => {
    await store.migrate();
    server = await startServer({ store, port: 0, host: '127.0.0.1', adminToken: ADMIN });
    const res = await fetch(`${server.url}/v1/projects`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'p1', name: 'P1' }),
    });
    key = ((await res.json()) as { api_key: { key: string } }).api_key.key;
    const byQuestion = new Map(cases.map((c) => [c.question, c]));
    stub = await startStubOpenAi((req) => {
      const user = lastUser(req);
      const c = [...byQuestion.entries()].find(([q]) => user.endsWith(q))?.[1];
      if (c === undefined || c.category === 'known-failure') return 'I do not know.';
      if (user.startsWith('Politely') && BROKEN.includes(c.id)) return 'As an AI, I cannot say.';
      return c.answer;
    });
    setFile = writeSupportSet(dir.path, cases);
  });
  afterAll(async () => {
    await stub?.close();
    await server?.close();
    await store.close();
  });

  it('passes the current prompt, writes the reports and stores the run as the baseline', async () => {
    const json = dir.file('base.json');
    const junit = dir.file('base.xml');
    const html = dir.file('base.html');
    const run = await gate(
      target('v1', 'Answer: {{input}}'),
      '--json',
      json,
      '--junit',
      junit,
      '--html',
      html,
      '--report-to',
      server.url,
      '--key',
      key,
      '--accept',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PASS {2}support-bot /);
    expect(run.stdout).toContain('pass rate 100.0 % (90/90)');
    expect(run.stdout).toContain('accepted as the baseline of support-bot');
    const written = JSON.parse(readFileSync(json, 'utf8'));
    expect(written).toMatchObject({
      format: 'vigil-regress-run',
      repeats: 3,
      gate: { pass: true },
    });
    expect(readFileSync(junit, 'utf8')).toContain(
      '<testsuite name="support@1" tests="101" failures="0" errors="0" skipped="10"',
    );
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('blocks a prompt that breaks 6 % of the cases and names them against the server baseline', async () => {
    const run = await gate(
      target('broken', 'Politely answer: {{input}}'),
      '--baseline',
      'server',
      '--report-to',
      server.url,
      '--key',
      key,
      '--accept',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL/);
    expect(run.stdout).toContain(`newly failing: ${BROKEN.join(', ')}`);
    expect(run.stdout).toContain('gate: pass rate 93.3 % (84/90) is below 95.0 %');
    expect(run.stdout).toContain('gate: 6 cases regressed against baseline');
    expect(run.stdout).toMatch(/McNemar p = 0\.0313 \(b=6, c=0\)/);
    // A failed run is stored (the series has it) but never becomes the baseline.
    expect(run.stdout).not.toContain('accepted as the baseline');
    const series = await fetch(
      `${server.url}/v1/evals/runs?target=support-bot&from=0&to=${Date.now() + 1000}`,
      { headers: { authorization: `Bearer ${key}` } },
    );
    const runs = ((await series.json()) as { runs: { gate_passed: boolean; accepted: boolean }[] })
      .runs;
    expect(runs.map((r) => [r.gate_passed, r.accepted])).toEqual([
      [true, true],
      [false, false],
    ]);
  });

  it('passes a prompt change that breaks none', async () => {
    const run = await gate(
      target('safe', 'Answer briefly: {{input}}'),
      '--baseline',
      'server',
      '--report-to',
      server.url,
      '--key',
      key,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 newly failing, 0 newly passing');
  });

  it('compares with a run file as the baseline too', async () => {
    const run = await gate(
      target('broken2', 'Politely answer: {{input}}'),
      '--baseline',
      dir.file('base.json'),
      '--repeats',
      '1',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('1 repeat per case');
    expect(run.stdout).toContain(`newly failing: ${BROKEN.join(', ')}`);
  });

  it.each([
    {
      name: 'a target that is down',
      args: async () => {
        const down = await startStubOpenAi(() => 'x');
        await down.close();
        return ['--target', target('down', '{{input}}', down.baseUrl)];
      },
      stderr: /^vigil: target support-bot failed on case case-\d+: .*ECONNREFUSED/,
    },
    {
      name: 'a set with a duplicate id',
      args: async () => {
        const text = readFileSync(setFile, 'utf8').replace('id: case-001', 'id: case-000');
        return ['--set', dir.write('dup.yaml', text), '--target', target('v1b', '{{input}}')];
      },
      stderr: /dup\.yaml:\d+: cases\[1\]\.id: duplicate id "case-000" \(first at line \d+\)/,
    },
    {
      name: 'an unknown target name',
      args: async () => ['--target', 'nope'],
      stderr: /--target nope: no such file/,
    },
    {
      name: 'a bad pass rate',
      args: async () => ['--target', target('v1c', '{{input}}'), '--min-pass-rate', '95'],
      stderr: /--min-pass-rate must be a number in \[0, 1\]/,
    },
  ])('exits 2 with one line for $name', async ({ args, stderr }) => {
    const extra = await args();
    const base = extra.includes('--set') ? [] : ['--set', setFile];
    const run = await runCli(['regress', 'run', ...base, ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(stderr);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('adds a case from an incident to the set and bumps its version', async () => {
    await store.upsertModel('p1', { name: 'support-bot' } as Parameters<
      typeof store.upsertModel
    >[1]);
    const incident = await store.incidents.open(
      'p1',
      {
        model: 'support-bot',
        failureMode: 'model',
        title: 'wrong item codes for bundles',
        severity: 'P1',
        severityReason: 'test',
        alert: { fingerprint: 'fp-1', monitor: 'quality', startedMs: Date.now() },
      },
      'test',
    );
    const file = writeSupportSet(dir.path, cases);
    const args = [
      'golden',
      'add',
      '--from-incident',
      incident.id,
      '--set',
      file,
      '--server',
      server.url,
      '--key',
      key,
    ];
    const run = await runCli([
      ...args,
      '--input',
      'What is the code of the bundle 7+8?',
      '--expected',
      'The bundle code is ZX-BUNDLE.',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`added case incident-${incident.id} to ${file} (version 2)`);
    const check = await runCli(['golden', 'check', file]);
    expect(check.stdout).toContain('support v2: 101 cases');
    expect(check.stdout).toContain('incident 1');
    // The same incident twice is a duplicate id: refused, file untouched.
    const again = await runCli([...args, '--input', 'x']);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/duplicate id "incident-/);
    const missing = await runCli([...args.slice(0, 3), '999999', ...args.slice(4), '--input', 'x']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('incident 999999 does not exist in this project');
  });

  it('runs a prompt fetched from the server registry by label, versioned by the registry', async () => {
    const created = await fetch(`${server.url}/v1/prompts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'support',
        template: 'Answer: {{input}}',
        config: { model: 'stub-2' },
        labels: ['production'],
      }),
    });
    expect(created.status).toBe(201);
    const file = dir.write(
      'registry.yaml',
      `name: support-bot\nkind: openai\nbaseUrl: ${stub.baseUrl}\nprompt: { server: "${server.url}", name: support, label: production, apiKeyEnv: VIGIL_API_KEY }\nconcurrency: 16\n`,
    );
    const run = await runCli(
      ['regress', 'run', '--set', setFile, '--target', file, '--repeats', '1'],
      { env: { VIGIL_API_KEY: key } },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^PASS {2}support-bot support@1 on support v\d/);
    expect(stub.requests.at(-1)?.model).toBe('stub-2');
  });

  it('finds --target NAME in the targets directory', async () => {
    mkdirSync(join(dir.path, 'targets'), { recursive: true });
    dir.write('targets/prod.yaml', readFileSync(target('v1d', 'Answer: {{input}}'), 'utf8'));
    const run = await gate('prod', '--targets-dir', join(dir.path, 'targets'), '--repeats', '1');
    expect(run.code).toBe(0);
  });
});

describe('vigil regress run on a classic holdout', () => {
  const holdout = () =>
    dir.write(
      'holdout.csv',
      [
        'id,x,label,prod,cand_ok,cand_bad',
        ...Array.from({ length: 100 }, (_, i) => {
          const label = i % 3 === 0 ? 'churn' : 'stay';
          const prod = i < 90 ? label : label === 'churn' ? 'stay' : 'churn';
          const bad = i < 85 ? label : label === 'churn' ? 'stay' : 'churn';
          return `r${i},${i},${label},${prod},${prod},${bad}`;
        }),
      ].join('\n'),
    );
  const classic = (column: string) =>
    dir.write(
      `classic-${column}.yaml`,
      `name: churn\nkind: classic\nversion: "7"\nholdout: ${holdout()}\nlabel: label\nid: id\nproduction: prod\ncandidate: ${column}\n`,
    );

  it('passes a candidate as good as production and fails one 5 points worse', async () => {
    const ok = await runCli(['regress', 'run', '--target', classic('cand_ok')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('accuracy 90.0 % (production 90.0 %, drop 0.0 %, allowed 3.0 %)');
    const bad = await runCli(['regress', 'run', '--target', classic('cand_bad')]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(
      "gate: accuracy 85.0 % is 5.0 % below production's 90.0 % (allowed drop 3.0 %)",
    );
    expect(bad.stdout).toMatch(/vs production: change -5\.0 %.*McNemar p = 0\.0625 \(b=5, c=0\)/);
  });
});

describe('vigil regress run on a model command over the holdout', () => {
  it('feeds the feature rows to the candidate and gates on its predictions', async () => {
    // The candidate model: churn when x is a multiple of 3 (right on every row); it never sees the label.
    const model = dir.write(
      'model.mjs',
      "let t='';process.stdin.on('data',(d)=>t+=d);process.stdin.on('end',()=>{for(const l of t.trim().split('\\n')){const r=JSON.parse(l);if('label' in r)process.exit(9);console.log(Number(r.x)%3===0?'churn':'stay')}})",
    );
    const rows = Array.from(
      { length: 60 },
      (_, i) =>
        `${i},${i % 3 === 0 ? 'churn' : 'stay'},${i < 50 ? (i % 3 === 0 ? 'churn' : 'stay') : 'stay'}`,
    );
    const holdout = dir.write('holdout-cmd.csv', ['x,label,prod', ...rows].join('\n'));
    const file = dir.write(
      'classic-cmd.yaml',
      `name: churn\nkind: classic\nversion: "8"\nholdout: ${holdout}\nlabel: label\nproduction: prod\ncandidate: { command: [${JSON.stringify(process.execPath)}, ${JSON.stringify(model)}] }\n`,
    );
    const run = await runCli([
      'regress',
      'run',
      '--target',
      file,
      '--json',
      dir.file('classic.json'),
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('accuracy 100.0 % (production 95.0 %, drop -5.0 %');
    const json = JSON.parse(readFileSync(dir.file('classic.json'), 'utf8'));
    expect(json.target).toEqual({ name: 'churn', kind: 'classic', version: '8' });
    expect(json.classic.candidate.f1Macro).toBe(1);
  });
});

describe('vigil golden', () => {
  it('reports the composition of a set', async () => {
    const file = writeSupportSet(dir.path, cases);
    const run = await runCli(['golden', 'check', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('support v1: 100 cases (within the recommended 100-500)');
    expect(run.stdout).toMatch(/✓ happy +60 +60 %/);
    const small = writeSupportSet(
      dir.path,
      cases.filter((c) => c.category === 'happy').slice(0, 30),
    );
    const strict = await runCli(['golden', 'check', small, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('advice: size: 30 cases, recommended at least 100');
  });

  it('exits 2 naming file, line and field for an unknown assertion type', async () => {
    const text = readFileSync(writeSupportSet(dir.path, cases), 'utf8').replace(
      'type: rouge-l',
      'type: rouge-x',
    );
    const run = await runCli(['golden', 'check', dir.write('bad.yaml', text)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /bad\.yaml:\d+: defaults\.assert\[0\]\.type: unknown assertion type "rouge-x"/,
    );
  });
});
