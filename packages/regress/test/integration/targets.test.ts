// The other targets and the judge, each against a real process or server on 127.0.0.1: any HTTP
// endpoint (request template and response path), a shell command (stdin or argument), a prompt
// from a registry server, and llm-rubric through an OpenAI-compatible judge.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createOpenAiJudge,
  type GoldenSet,
  loadGoldenSet,
  parseTarget,
  type RunResult,
  RegressError,
  runGoldenSet,
} from '../../src/index.js';
import { lastUser, startStubOpenAi } from '../helpers/stub-openai.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-targets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function set(text: string): Promise<GoldenSet> {
  const p = join(dir, `set-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(p, text);
  return loadGoldenSet(p);
}

const TWO_CASES = `name: echo
version: 1
cases:
  - id: upper
    input: hello world
    vars: { lang: en }
    assert: [{ type: equals, value: HELLO WORLD }]
  - id: json
    input: ping
    vars: { lang: fr }
    assert: [{ type: icontains, value: PING }]
`;

async function runTarget(yaml: string, s: GoldenSet): Promise<RunResult> {
  const loaded = await parseTarget(yaml, join(dir, 't.yaml'), { env: { TOKEN: 'secret-token' } });
  if (loaded.kind === 'classic') throw new Error('unexpected');
  return runGoldenSet(s, loaded.target, loaded.settings);
}

describe('http target', () => {
  it('fills the request template and reads the response path and the cost', async () => {
    const seen: { url: string; auth: string; body: unknown }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        seen.push({ url: req.url ?? '', auth: String(req.headers.authorization), body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            data: { answer: String(body.q).toUpperCase() },
            billing: { usd: 0.25 },
          }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const r = await runTarget(
        `kind: http\nurl: "http://127.0.0.1:${port}/answer/{{lang}}"\nheaders: { authorization: "Bearer {{vars.lang}}" }\nbody: { q: "{{input}}", n: "{{json vars}}" }\nresponsePath: data.answer\ncostPath: billing.usd\n`,
        await set(TWO_CASES),
      );
      expect(r.summary).toMatchObject({ passed: 2, totalCostUsd: 0.5 });
      expect(r.repeats).toBe(1);
      expect(seen.map((s) => s.url).sort()).toEqual(['/answer/en', '/answer/fr']);
      expect(seen.find((s) => s.url === '/answer/en')).toMatchObject({
        auth: 'Bearer en',
        body: { q: 'hello world', n: { lang: 'en' } },
      });
    } finally {
      server.close();
    }
  });
});

describe('shell target', () => {
  it.each([
    {
      via: 'stdin',
      command: `[${JSON.stringify(process.execPath)}, -e, "process.stdin.on('data', (d) => process.stdout.write(String(d).toUpperCase()))"]`,
    },
    {
      via: 'argument',
      command: `[${JSON.stringify(process.execPath)}, -e, "console.log(process.argv[1].toUpperCase())", "{{input}}"]`,
    },
  ])('answers from stdout with the input on $via', async ({ via, command }) => {
    const r = await runTarget(
      `kind: shell\ninputVia: ${via}\ncommand: ${command}\n`,
      await set(TWO_CASES),
    );
    expect(r.cases.map((c) => [c.id, c.pass, c.repeats[0].output])).toEqual([
      ['upper', true, 'HELLO WORLD'],
      ['json', true, 'PING'],
    ]);
  });

  it('errors the run when the command fails', async () => {
    const e = await runTarget(
      `kind: shell\ncommand: [${JSON.stringify(process.execPath)}, -e, "process.exit(3)"]\n`,
      await set(TWO_CASES),
    ).catch((x) => x);
    expect(e).toBeInstanceOf(RegressError);
    expect(e.message).toMatch(/exited with 3/);
  });
});

describe('target files', () => {
  it.each([
    {
      text: 'kind: grpc\n',
      message: 't.yaml:1: kind: must be one of openai, http, shell, classic',
    },
    { text: 'kind: openai\nbaseUrl: http://x\n', message: 't.yaml: model: is required' },
    {
      text: 'kind: openai\nmodel: m\nbaseUrl: http://x\napiKeyEnv: NOPE\n',
      message: 't.yaml:4: apiKeyEnv: environment variable NOPE is not set',
    },
    {
      text: 'kind: http\nurl: http://x\nretries: -1\n',
      message: 't.yaml:3: retries: must be an integer ≥ 0',
    },
    { text: 'kind: shell\ncommand: ls\n', message: 't.yaml:2: command: must be a non-empty list' },
    {
      text: 'kind: http\nurl: http://x\nprompt: x\n',
      message: 't.yaml:3: prompt: unknown field for kind http',
    },
  ])('reports $message', async ({ text, message }) => {
    await expect(parseTarget(text, 't.yaml', { env: {} })).rejects.toThrow(message);
  });
});

describe('registry prompt and llm-rubric judge', () => {
  it('fetches the prompt by label from the server and grades with the judge', async () => {
    // The registry side: GET /v1/prompts/:name?label= as the Vigil server answers it.
    const registry = createServer((req, res) => {
      const ok =
        req.url === '/v1/prompts/support?label=staging' &&
        req.headers.authorization === 'Bearer secret-token';
      res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          ok
            ? {
                name: 'support',
                version: 7,
                type: 'chat',
                messages: [
                  { role: 'developer', content: 'Be brief.' },
                  { role: 'user', content: 'Q: {{input}}' },
                ],
                config: { model: 'stub-9', temperature: 0 },
              }
            : { error: { message: 'no' } },
        ),
      );
    });
    await new Promise<void>((r) => registry.listen(0, '127.0.0.1', r));
    const model = await startStubOpenAi((req) =>
      lastUser(req) === 'Q: hello world' && req.messages[0].role === 'system'
        ? 'Hi there!'
        : 'unexpected',
    );
    // The judge passes answers that contain "Hi".
    const judge = await startStubOpenAi((req) => {
      const output = /Output to grade:\n([\s\S]*)$/.exec(lastUser(req))?.[1] ?? '';
      return JSON.stringify({
        pass: output.includes('Hi'),
        score: output.includes('Hi') ? 0.9 : 0.1,
        reason: 'greets',
      });
    });
    try {
      const regPort = (registry.address() as AddressInfo).port;
      const loaded = await parseTarget(
        `kind: openai\nbaseUrl: ${model.baseUrl}\nprompt: { server: "http://127.0.0.1:${regPort}", name: support, label: staging, apiKeyEnv: TOKEN }\njudge: { baseUrl: ${judge.baseUrl}, model: judge-1 }\nrepeats: 1\n`,
        't.yaml',
        { env: { TOKEN: 'secret-token' } },
      );
      if (loaded.kind === 'classic' || !loaded.judge) throw new Error('unexpected');
      expect(loaded.target.version).toBe('support@7');
      const s = await set(
        'name: j\nversion: 1\ncases:\n  - id: greet\n    input: hello world\n    assert: [{ type: llm-rubric, value: The answer greets the user. }, { type: not-llm-rubric, value: The answer greets the user., weight: 0 }]\n',
      );
      const r = await runGoldenSet(s, loaded.target, {
        ...loaded.settings,
        judge: createOpenAiJudge(loaded.judge),
      });
      expect(model.requests[0]).toMatchObject({ model: 'stub-9', temperature: 0 });
      expect(r.cases[0].pass).toBe(true);
      expect(r.cases[0].repeats[0].assertions.map((a) => [a.type, a.pass, a.score])).toEqual([
        ['llm-rubric', true, 0.9],
        ['not-llm-rubric', false, expect.closeTo(0.1, 12)],
      ]);
      expect(judge.requests[0].messages[0].content).toContain('Reply with one JSON object');
      const missing = await parseTarget(
        `kind: openai\nbaseUrl: http://127.0.0.1:${regPort}\nprompt: { server: "http://127.0.0.1:${regPort}", name: nope, label: x }\n`,
        't.yaml',
        { env: {} },
      ).catch((x) => x);
      expect(missing.message).toBe('prompt nope@x: the server answered HTTP 404');
    } finally {
      registry.close();
      await model.close();
      await judge.close();
    }
  });
});
