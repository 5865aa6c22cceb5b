// Prompt canaries on both adapters: create (prompt, versions and the label checked in the
// transaction; one active canary per prompt; a model of the same name is another subject), the
// per-variant statistics from generations joined to review verdicts, reference checks and
// feedback, and a promotion that moves the prompt label in the decision's transaction (audited,
// compare-and-set on where the label points).
import { createPromptCanarySchema } from '@vigil/contracts';
import { type NewCanary, type NewGeneration, type SqlStore, StoreError } from '@vigil/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Backend,
  migrateOrExplain,
  postgresBackend,
  sqliteBackend,
} from '../helpers/backends.js';

const T0 = Date.UTC(2026, 4, 1);
const ALL = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };
const POLICY = createPromptCanarySchema.parse({
  name: 'x',
  prompt: { name: 'support', candidate_version: 2 },
}).policy;

const canary = (name: string, prompt = 'support', baseline = 1, candidate = 2): NewCanary => ({
  name,
  model: prompt,
  promptLabel: 'production',
  baseline: { variant: 'control', version: baseline, weight: 0.9 },
  candidate: { variant: 'treatment', version: candidate, weight: 0.1 },
  policy: POLICY,
  createdBy: 'key:k1',
});

const code = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return e instanceof StoreError ? e.code : String(e);
  }
};

function gen(span: string, over: Partial<NewGeneration>): NewGeneration {
  return {
    traceId: `t-${span}`,
    spanId: span,
    parentSpanId: null,
    name: 'chat gpt-4o',
    operation: 'chat',
    startMs: T0 + 1000,
    endMs: T0 + 1200,
    modelRequested: 'gpt-4o',
    modelServed: 'gpt-4o',
    provider: 'openai',
    promptName: 'support',
    promptVersion: 1,
    input: [],
    output: [],
    tokens: { input: 10, output: 5, cachedInput: null, reasoning: null },
    costUsd: 0.001,
    costSource: 'caller',
    priceTableVersion: null,
    status: 'ok',
    error: null,
    user: 'u',
    session: null,
    service: 'bot',
    apiKeyId: 'k1',
    tags: [],
    variant: 'control',
    attempt: 0,
    flags: [],
    attributes: {},
    ...over,
  };
}

describe.each([
  { name: 'sqlite', make: sqliteBackend },
  { name: 'postgres', make: postgresBackend },
])('$name prompt canaries', ({ make }) => {
  const backend: Backend = make();
  let store: SqlStore;
  beforeAll(async () => {
    store = backend.open();
    await migrateOrExplain(backend, store);
    for (const p of ['p1', 'p2']) {
      await store.createProject({ id: p, name: p });
      for (const name of ['support', 'sales']) {
        for (const text of ['v1', 'v2', 'v3'])
          await store.prompts.createVersion(p, {
            name,
            content: { type: 'text', template: text, variables: [], config: {} },
            ...(text === 'v1' ? { labels: ['production'] } : {}),
            actor: 'x',
          });
      }
    }
    // A model named like a prompt is another subject: its canaries do not collide.
    await store.upsertModel('p1', { name: 'support', task: 'classification', features: [] });
  });
  afterAll(async () => {
    await store.close();
    await backend.cleanup();
  });

  it('creates a prompt canary with clear errors, one active per prompt, only in its project', async () => {
    expect(await code(store.canaries.create('p1', canary('x', 'nope')))).toBe('NOT_FOUND');
    expect(await code(store.canaries.create('p1', canary('x', 'support', 1, 9)))).toBe('NOT_FOUND');
    // The label points at version 1, not 2: the baseline must be where the label is.
    expect(await code(store.canaries.create('p1', canary('x', 'support', 2, 3)))).toBe('CONFLICT');
    const c = await store.canaries.create('p1', canary('support-v2'));
    expect(c).toMatchObject({
      kind: 'prompt',
      model: 'support',
      promptLabel: 'production',
      state: 'running',
      baseline: { variant: 'control', version: 1, weight: 0.9 },
      candidate: { variant: 'treatment', version: 2, weight: 0.1 },
    });
    expect(await code(store.canaries.create('p1', canary('support-v3', 'support', 1, 3)))).toBe(
      'CONFLICT',
    );
    expect((await store.canaries.activePromptCanaries('p1')).map((x) => x.name)).toEqual([
      'support-v2',
    ]);
    expect(await store.canaries.activePromptCanaries('p2')).toEqual([]);
    expect(await store.canaries.get('p2', 'support-v2')).toBeNull();
    // The model filter of list() only lists model canaries.
    expect(await store.canaries.list('p1', { model: 'support' })).toEqual([]);
    const [audit] = await store.audit.query('p1', { range: ALL, target: 'support-v2' });
    expect(audit).toMatchObject({
      action: 'canary.create',
      details: { kind: 'prompt', prompt: 'support', label: 'production' },
    });
  });

  it('computes per-variant stats from generations, verdicts, reference checks and feedback', async () => {
    const c = (await store.canaries.get('p1', 'support-v2'))!;
    await store.llm.recordGenerations('p1', [
      gen('a', { endMs: T0 + 1100, costUsd: 0.002 }),
      gen('b', { endMs: T0 + 1300, costUsd: 0.004 }),
      gen('c', { status: 'error', error: 'boom', costUsd: null }),
      gen('d', { variant: 'treatment', promptVersion: 2, costUsd: 0.01 }),
      gen('e', { variant: 'treatment', promptVersion: 2, costUsd: 0.03 }),
      // Not counted: wrong version for its variant, another prompt, before the start, a plain span.
      gen('f', { variant: 'treatment', promptVersion: 1 }),
      gen('g', { promptName: 'sales' }),
      gen('h', { startMs: T0 - 5, endMs: T0 }),
      gen('i', { operation: null }),
    ]);
    await store.feedback.enqueueReviews('p1', [
      { traceId: 't-a', spanId: 'a', timeMs: T0, model: null, prompt: null, output: 'x' },
      { traceId: 't-b', spanId: 'b', timeMs: T0, model: null, prompt: null, output: 'x' },
      { traceId: 't-d', spanId: 'd', timeMs: T0, model: null, prompt: null, output: 'x' },
    ]);
    const verdict = (span: string, v: 'correct' | 'hallucination') =>
      store.feedback.recordVerdict(
        'p1',
        `t-${span}`,
        span,
        { verdict: v, reviewer: 'r', notes: null },
        'r',
      );
    await verdict('a', 'correct');
    await verdict('b', 'hallucination');
    await verdict('d', 'correct');
    const check = (span: string, wrong: number) => ({
      traceId: `t-${span}`,
      spanId: span,
      knowledge: 'prices',
      knowledgeVersion: 1,
      timeMs: T0,
      claims: 1,
      wrong,
      details: [],
    });
    await store.feedback.recordReferenceChecks('p1', [check('a', 0), check('d', 1), check('e', 1)]);
    await store.feedback.addFeedback('p1', [
      {
        id: 'f1',
        timeMs: T0,
        traceId: 't-b',
        spanId: null,
        kind: 'thumbs_down',
        value: null,
        comment: null,
        correction: null,
        user: null,
      },
      {
        id: 'f2',
        timeMs: T0,
        traceId: 't-b',
        spanId: 'b',
        kind: 'reported_error',
        value: null,
        comment: null,
        correction: null,
        user: null,
      },
      {
        id: 'f3',
        timeMs: T0,
        traceId: 't-e',
        spanId: 'e',
        kind: 'thumbs_up',
        value: null,
        comment: null,
        correction: null,
        user: null,
      },
    ]);
    const s = await store.canaries.variantStats('p1', c, { fromMs: T0, toMs: T0 + 10_000 });
    expect(s.baseline).toMatchObject({
      variant: 'control',
      predictions: 3,
      errors: 1,
      labelled: 2,
      correct: 1,
      outcomes: {
        wrong_price_rate: { count: 0, sum: 0, sumSquares: 0 },
        negative_feedback_rate: { count: 1, sum: 1, sumSquares: 1 },
      },
    });
    expect(s.baseline.latencyMs).toEqual({
      count: 3,
      sum: 100 + 300 + 200,
      sumSquares: 100 ** 2 + 300 ** 2 + 200 ** 2,
    });
    expect(s.baseline.outcomes.cost_usd.count).toBe(2);
    expect(s.baseline.outcomes.cost_usd.sum).toBeCloseTo(0.006, 12);
    expect(s.baseline.outcomes.cost_usd.sumSquares).toBeCloseTo(0.002 ** 2 + 0.004 ** 2, 15);
    expect(s.candidate).toMatchObject({
      variant: 'treatment',
      predictions: 2,
      errors: 0,
      labelled: 1,
      correct: 1,
      outcomes: {
        wrong_price_rate: { count: 2, sum: 2, sumSquares: 2 },
        negative_feedback_rate: { count: 0, sum: 0, sumSquares: 0 },
      },
    });
    expect(s.candidate.outcomes.cost_usd.sum).toBeCloseTo(0.04, 12);
  });

  it('promotes by moving the label in the decision transaction, compare-and-set on the label', async () => {
    const c = (await store.canaries.get('p1', 'support-v2'))!;
    const promote = (expectedFrom: number | null) =>
      store.canaries.recordDecision('p1', 'support-v2', {
        expectedRevision: c.revision,
        actor: 'system:canary',
        action: 'promote',
        state: 'promoted',
        reasons: ['7 days'],
        evidence: {},
        weights: { baseline: 0, candidate: 1 },
        promote: { alias: 'production', expectedFrom },
        audit: true,
      });
    // The label is at 1, not 3: nothing is written.
    expect(await code(promote(3))).toBe('CONFLICT');
    expect((await store.canaries.get('p1', 'support-v2'))?.state).toBe('running');
    const done = await promote(1);
    expect(done).toMatchObject({ state: 'promoted', candidate: { weight: 1 } });
    expect((await store.prompts.getByLabel('p1', 'support', 'production'))?.version).toBe(2);
    expect((await store.prompts.labelHistory('p1', 'support', 'production')).at(-1)).toMatchObject({
      version: 2,
      previousVersion: 1,
      action: 'move',
      actor: 'system:canary',
    });
    const moves = await store.audit.query('p1', { range: ALL, target: 'support@production' });
    expect(moves.at(-1)).toMatchObject({
      actor: 'system:canary',
      action: 'prompt.label.move',
      details: { from: 1, to: 2 },
    });
    // A prompt canary is no evidence for a model version of the same name.
    expect(await store.canaries.hasFinishedCanary('p1', 'support', 2)).toBe(false);
    expect(await store.prompts.getByLabel('p2', 'support', 'production')).toMatchObject({
      version: 1,
    });
  });
});
