// Done-when of issue 7 at the library level: a local stub speaking the OpenAI chat protocol serves
// a 100-case golden set; the gate blocks a prompt change that breaks 6 % of the cases, passes one
// that breaks none, and the baseline diff names the regressed cases. Also: repeats and flakiness,
// retries, and a target that is down.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  evaluateGate,
  type GatedRun,
  loadGoldenSet,
  parseTarget,
  RegressError,
  renderJunit,
  renderTerminal,
  type RunResult,
  runGoldenSet,
} from '../../src/index.js';
import { lastUser, type StubOpenAi, startStubOpenAi } from '../helpers/stub-openai.js';
import { supportCases, writeSupportSet } from '../helpers/support-set.js';

const cases = supportCases(100);
const byQuestion = new Map(cases.map((c) => [c.question, c]));
// Six counted cases (6 % of the set) that the "politely" prompt breaks.
const BROKEN = ['case-003', 'case-017', 'case-042', 'case-061', 'case-075', 'case-095'];

let dir: string;
let stub: StubOpenAi;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-regress-'));
  stub = await startStubOpenAi((req) => {
    const user = lastUser(req);
    const c = [...byQuestion.entries()].find(([q]) => user.endsWith(q))?.[1];
    if (c === undefined) return { status: 400, body: '{"error":{"message":"unknown question"}}' };
    if (c.category === 'known-failure') return 'I am not sure which item you mean.';
    if (user.includes('politely') && BROKEN.includes(c.id))
      return 'As an AI, I cannot share item codes.';
    return c.answer;
  });
});

afterAll(async () => {
  await stub?.close();
  rmSync(dir, { recursive: true, force: true });
});

const targetYaml = (template: string, extra = '') =>
  `name: support-bot\nkind: openai\nbaseUrl: ${stub.baseUrl}\nmodel: stub-1\nprompt:\n  template: "${template}"\nconcurrency: 16\ntimeoutMs: 5000\nretries: 1\n${extra}`;

async function run(template: string, baseline?: RunResult): Promise<GatedRun> {
  const loaded = await parseTarget(targetYaml(template), join(dir, 'target.yaml'), { env: {} });
  if (loaded.kind === 'classic') throw new Error('unexpected classic target');
  const set = await loadGoldenSet(writeSupportSet(dir, cases));
  const result = await runGoldenSet(set, loaded.target, { ...loaded.settings, backoffMs: 1 });
  return { ...result, gate: evaluateGate(result, { minPassRate: 0.95, baseline }) };
}

describe('the regression gate against a stub OpenAI-compatible target', () => {
  let baseline: GatedRun;

  beforeAll(async () => {
    baseline = await run('Answer the customer. {{input}}');
  });

  it('runs every case three times by default and passes the current prompt', () => {
    expect(baseline.repeats).toBe(3);
    expect(baseline.cases).toHaveLength(100);
    expect(baseline.summary).toMatchObject({ total: 100, counted: 90, passed: 90, flaky: 0 });
    expect(baseline.gate.pass).toBe(true);
    // Known failures are reported, failing, and outside the pass rate.
    expect(baseline.cases.filter((c) => c.category === 'known-failure').every((c) => !c.pass)).toBe(
      true,
    );
  });

  it('blocks a prompt change that breaks 6 % of the cases and names them', async () => {
    const changed = await run('Answer the customer politely. {{input}}', baseline);
    expect(changed.gate.pass).toBe(false);
    expect(changed.summary.passed).toBe(84);
    expect(changed.gate.diff?.newlyFailing).toEqual(BROKEN);
    expect(changed.gate.diff?.newlyPassing).toEqual([]);
    // McNemar exact: 6 discordant pairs all one way, p = 2 · 0.5⁶.
    expect(changed.gate.test).toMatchObject({ method: 'mcnemar-exact', b: 6, c: 0 });
    expect(changed.gate.test?.pValue).toBeCloseTo(0.03125, 12);
    expect(changed.gate.test?.passRateChange).toBeCloseTo(-6 / 90, 12);
    expect(changed.gate.reasons.join('\n')).toContain('case-003, case-017, case-042');
    const failing = changed.cases.find((c) => c.id === 'case-042');
    expect(failing?.repeats[0].assertions.find((a) => a.type === 'not-icontains')?.pass).toBe(
      false,
    );
    expect(renderTerminal(changed)).toContain('newly failing: case-003, case-017');
    expect(renderJunit(changed)).toContain('name="case-042" time=');
  });

  it('passes a prompt change that breaks none', async () => {
    const changed = await run('Answer the customer briefly. {{input}}', baseline);
    expect(changed.target.version).not.toBe(baseline.target.version);
    expect(changed.gate.pass).toBe(true);
    expect(changed.gate.diff?.newlyFailing).toEqual([]);
    expect(changed.gate.test?.pValue).toBe(1);
  });

  it('fails on the pass rate alone without a baseline', async () => {
    const changed = await run('Answer the customer politely. {{input}}');
    expect(changed.gate.pass).toBe(false);
    expect(changed.gate.reasons[0]).toMatch(/pass rate 93\.3 % \(84\/90\) is below 95\.0 %/);
    expect(changed.gate.diff).toBeNull();
  });
});

describe('repeats, retries and a target that is down', () => {
  const oneCase = (extra = '') =>
    `name: s\nversion: 1\ncases:\n  - id: only\n    input: What is the code of item 1?\n    expected: ZX-7919\n    assert: [{ type: icontains }]\n${extra}`;

  async function setFile(text: string) {
    const { writeFileSync } = await import('node:fs');
    const p = join(dir, `one-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(p, text);
    return loadGoldenSet(p);
  }

  it('makes every repeat a fresh call, decides by the median and flags flakiness', async () => {
    const s = await startStubOpenAi((_req, call) => (call % 3 === 1 ? 'no idea' : 'ZX-7919'));
    try {
      const loaded = await parseTarget(
        `kind: openai\nbaseUrl: ${s.baseUrl}\nmodel: m\nrepeats: 3\nconcurrency: 1`,
        't.yaml',
        { env: {} },
      );
      if (loaded.kind === 'classic') throw new Error('unexpected');
      const r = await runGoldenSet(await setFile(oneCase()), loaded.target, loaded.settings);
      expect(s.requests).toHaveLength(3);
      expect(r.cases[0]).toMatchObject({ pass: true, passes: 2, flaky: true });
      expect(r.summary.flaky).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('retries 5xx answers with backoff', async () => {
    const s = await startStubOpenAi((_req, call) => (call < 2 ? { status: 503 } : 'ZX-7919'));
    try {
      const loaded = await parseTarget(
        `kind: openai\nbaseUrl: ${s.baseUrl}\nmodel: m\nrepeats: 1\nretries: 2`,
        't.yaml',
        { env: {} },
      );
      if (loaded.kind === 'classic') throw new Error('unexpected');
      const r = await runGoldenSet(await setFile(oneCase()), loaded.target, {
        ...loaded.settings,
        backoffMs: 1,
      });
      expect(r.summary.passed).toBe(1);
      expect(s.requests).toHaveLength(3);
    } finally {
      await s.close();
    }
  });

  it('keeps at most `concurrency` calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const s = await startStubOpenAi(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      return 'ZX-7919';
    });
    try {
      const loaded = await parseTarget(
        `kind: openai\nbaseUrl: ${s.baseUrl}\nmodel: m\nconcurrency: 4\nrepeats: 5`,
        't.yaml',
        { env: {} },
      );
      if (loaded.kind === 'classic') throw new Error('unexpected');
      const many = Array.from(
        { length: 6 },
        (_, i) =>
          `  - id: c${i}\n    input: What is the code of item 1?\n    expected: ZX-7919\n    assert: [{ type: icontains }]`,
      ).join('\n');
      const r = await runGoldenSet(
        await setFile(`name: s\nversion: 1\ncases:\n${many}\n`),
        loaded.target,
        loaded.settings,
      );
      expect(s.requests).toHaveLength(30);
      // Never more than the limit (how close the stub sees it get depends on the machine).
      expect(peak).toBeLessThanOrEqual(4);
      expect(peak).toBeGreaterThan(1);
      expect(r.summary.passed).toBe(6);
    } finally {
      await s.close();
    }
  });

  it('times out a call that does not answer, retries it, then errors the run', async () => {
    const s = await startStubOpenAi(() => 'late', { delayMs: 400 });
    try {
      const loaded = await parseTarget(
        `kind: openai\nbaseUrl: ${s.baseUrl}\nmodel: m\nrepeats: 1\nretries: 1\ntimeoutMs: 50`,
        't.yaml',
        { env: {} },
      );
      if (loaded.kind === 'classic') throw new Error('unexpected');
      const e = await runGoldenSet(await setFile(oneCase()), loaded.target, {
        ...loaded.settings,
        backoffMs: 1,
      }).catch((x) => x);
      expect(e.code).toBe('TARGET_DOWN');
      expect(e.message).toContain('no answer within 50 ms');
    } finally {
      await s.close();
    }
  });

  it.each([
    {
      name: 'a refused connection',
      make: async () => {
        // A port that was just free: nothing listens there any more.
        const s = await startStubOpenAi(() => 'x');
        await s.close();
        return { baseUrl: s.baseUrl, close: async () => {} };
      },
      pattern: /ECONNREFUSED/,
    },
    {
      name: 'a 400 answer (not retried)',
      make: async () => {
        const s = await startStubOpenAi(() => ({ status: 400 }));
        return { baseUrl: s.baseUrl, close: () => s.close() };
      },
      pattern: /HTTP 400/,
    },
  ])(
    'errors the run (TARGET_DOWN) on $name instead of failing cases',
    async ({ make, pattern }) => {
      const { baseUrl, close } = await make();
      onTestFinished(close);
      const loaded = await parseTarget(
        `kind: openai\nbaseUrl: ${baseUrl}\nmodel: m\nretries: 1`,
        't.yaml',
        { env: {} },
      );
      if (loaded.kind === 'classic') throw new Error('unexpected');
      const set = await setFile(oneCase());
      const e = await runGoldenSet(set, loaded.target, { ...loaded.settings, backoffMs: 1 }).catch(
        (x) => x,
      );
      expect(e).toBeInstanceOf(RegressError);
      expect(e.code).toBe('TARGET_DOWN');
      expect(e.message).toMatch(pattern);
      expect(e.message).toContain('case only');
    },
  );
});
