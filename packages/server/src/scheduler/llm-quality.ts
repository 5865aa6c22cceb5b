// Gathering an `llm_quality` monitor's inputs: the window's LLM answers (generations recorded by
// the API, OTLP or the gateway, narrowed by the monitor's filter) and its reference window's, with
// output embeddings for drift; or the judgements about them (review verdicts, reference checks
// against knowledge tables, user feedback) for the rate metrics.
import type { LlmFilter, MonitorDefinition } from '@vigil/contracts';
import { hashedEmbedding } from '@vigil/core';
import {
  evaluationWindow,
  failedCheck,
  type LlmJudged,
  type LlmQualityInput,
  type LlmQualitySpec,
  summarize,
} from '@vigil/engine';
import { type Generation, type GenerationQuery, MAX_QUERY_LIMIT, type Store } from '@vigil/store';
import { outputText } from '../llm-quality/output-text.js';
import { GatherError } from './context.js';
import type { EvaluationSpan, GatheredInput } from './inputs.js';
import { type EmbeddingsEnv, embedOutputs } from './llm-embeddings.js';

const DAY = 86_400_000;
// Feedback often comes after the answer: look this far back for the generations it is about.
const FEEDBACK_LOOKBACK_MS = DAY;

interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/** LlmWindow is the window of generations an evaluation reads, and its reference. */
interface LlmWindow {
  readonly span: EvaluationSpan;
  /** The window's generations, oldest first (already read for event windows). */
  readonly generations: () => Promise<Generation[]>;
  readonly reference: () => Promise<Generation[]>;
}

function filterQuery(filter: LlmFilter): Partial<GenerationQuery> {
  return {
    ...(filter.service === undefined ? {} : { service: filter.service }),
    ...(filter.model === undefined ? {} : { model: filter.model }),
    ...(filter.prompt === undefined ? {} : { promptName: filter.prompt }),
    ...(filter.promptVersion === undefined ? {} : { promptVersion: filter.promptVersion }),
  };
}

const oldestFirst = (rows: Generation[]) =>
  rows.sort((a, b) => a.startMs - b.startMs || a.spanId.localeCompare(b.spanId));

async function answers(
  store: Store,
  projectId: string,
  spec: LlmQualitySpec,
  range: TimeRange,
  limit = MAX_QUERY_LIMIT,
): Promise<Generation[]> {
  if (range.toMs <= range.fromMs) return [];
  const rows = await store.llm.queryGenerations(projectId, {
    range,
    llmOnly: true,
    status: 'ok',
    limit,
    ...filterQuery(spec.filter),
  });
  return oldestFirst(rows);
}

async function windowOf(
  store: Store,
  projectId: string,
  spec: LlmQualitySpec,
  slotAt: number,
): Promise<LlmWindow> {
  const w = spec.window;
  const ref = spec.reference;
  if (w.kind === 'hourly' || w.kind === 'daily') {
    const t = evaluationWindow(w, slotAt);
    if (t === null || t.kind !== 'time') throw new Error('windowOf: not a time window');
    const size = t.endMs - t.startMs;
    const refRange =
      'previousWindows' in ref
        ? { fromMs: t.startMs - ref.previousWindows * size, toMs: t.startMs }
        : { fromMs: ref.from, toMs: ref.to };
    return {
      span: { startMs: t.startMs, endMs: t.endMs },
      generations: () => answers(store, projectId, spec, { fromMs: t.startMs, toMs: t.endMs }),
      reference: () => answers(store, projectId, spec, refRange),
    };
  }
  // The last N answers that started before the slot (newest first from the store).
  const latest = oldestFirst(
    await store.llm.queryGenerations(projectId, {
      range: { fromMs: 0, toMs: slotAt },
      llmOnly: true,
      status: 'ok',
      limit: w.size,
      ...filterQuery(spec.filter),
    }),
  );
  if (latest.length < w.size) {
    throw new GatherError('NO_DATA', `${latest.length} answers so far, the window needs ${w.size}`);
  }
  const first = latest[0].startMs;
  const span = { startMs: first, endMs: latest[latest.length - 1].startMs + 1 };
  return {
    span,
    generations: async () => latest,
    reference: () =>
      'previousWindows' in ref
        ? answers(
            store,
            projectId,
            spec,
            { fromMs: 0, toMs: first },
            Math.min(MAX_QUERY_LIMIT, ref.previousWindows * w.size),
          )
        : answers(store, projectId, spec, { fromMs: ref.from, toMs: ref.to }),
  };
}

function hasFilter(filter: LlmFilter): boolean {
  return Object.values(filter).some((v) => v !== undefined);
}

const spanKey = (traceId: string, spanId: string) => `${traceId}\u0000${spanId}`;

/** judgedOf counts the rate metric's judged and failed items in the window. */
async function judgedOf(
  store: Store,
  projectId: string,
  spec: LlmQualitySpec,
  span: EvaluationSpan,
): Promise<LlmJudged> {
  const range = { fromMs: span.startMs, toMs: span.endMs };
  // Judgements carry no service or prompt: join them to the generations the filter selects.
  const selected = async (fromMs: number) =>
    hasFilter(spec.filter)
      ? await answers(store, projectId, spec, { fromMs, toMs: range.toMs })
      : null;
  if (spec.metric === 'hallucination_rate') {
    const [items, gens] = await Promise.all([
      store.feedback.listReviews(projectId, { range, state: 'reviewed', limit: MAX_QUERY_LIMIT }),
      selected(range.fromMs),
    ]);
    const keys = gens === null ? null : new Set(gens.map((g) => spanKey(g.traceId, g.spanId)));
    const kept = items.filter((i) => keys === null || keys.has(spanKey(i.traceId, i.spanId)));
    return {
      total: kept.length,
      failed: kept.filter((i) => i.verdict === 'hallucination').length,
    };
  }
  if (spec.metric === 'wrong_price_rate') {
    const [checks, gens] = await Promise.all([
      store.feedback.queryReferenceChecks(projectId, {
        range,
        limit: MAX_QUERY_LIMIT,
        ...(spec.knowledge === undefined ? {} : { knowledge: spec.knowledge }),
      }),
      selected(range.fromMs),
    ]);
    const keys = gens === null ? null : new Set(gens.map((g) => spanKey(g.traceId, g.spanId)));
    // One answer may be checked against several tables: it is wrong when any check is.
    const answersChecked = new Map<string, boolean>();
    for (const c of checks) {
      const k = spanKey(c.traceId, c.spanId);
      if (c.claims === 0 || (keys !== null && !keys.has(k))) continue;
      answersChecked.set(k, (answersChecked.get(k) ?? false) || c.wrong > 0);
    }
    const failed = [...answersChecked.values()].filter(Boolean).length;
    return { total: answersChecked.size, failed };
  }
  const [feedback, gens] = await Promise.all([
    store.feedback.queryFeedback(projectId, { range, limit: MAX_QUERY_LIMIT }),
    selected(range.fromMs - FEEDBACK_LOOKBACK_MS),
  ]);
  const traces = gens === null ? null : new Set(gens.map((g) => g.traceId));
  // Ratings have no agreed scale, so they are not counted either way.
  const kept = feedback.filter(
    (f) => f.kind !== 'rating' && (traces === null || traces.has(f.traceId)),
  );
  return {
    total: kept.length,
    failed: kept.filter((f) => f.kind !== 'thumbs_up').length,
  };
}

async function outputsOf(
  generations: readonly Generation[],
  spec: LlmQualitySpec,
  env: EmbeddingsEnv,
): Promise<LlmQualityInput['outputs']> {
  const texts = generations
    .map((g) => ({ g, text: outputText(g.output) }))
    .filter((o) => o.text !== '');
  if (spec.metric !== 'output_drift') return texts.map((o) => ({ text: o.text }));
  const e = spec.embeddings;
  if (e.source === 'hashed') {
    return texts.map(({ text }) => {
      const v = hashedEmbedding(text);
      return v.ok ? { text, embedding: v.value } : { text };
    });
  }
  if (e.source === 'attribute') {
    return texts.map(({ g, text }) => {
      const v = g.attributes[e.attribute];
      const ok = Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number');
      return ok ? { text, embedding: v as number[] } : { text };
    });
  }
  const vectors = await embedOutputs(
    e,
    texts.map((o) => o.text),
    env,
  );
  return texts.map(({ text }, i) => ({ text, embedding: vectors[i] }));
}

function decided(
  def: MonitorDefinition,
  status: 'NO_DATA' | 'ERROR',
  message: string,
  span: EvaluationSpan,
): GatheredInput {
  const check = failedCheck(
    { subject: '*', check: 'llm_quality', direction: 'above' },
    status,
    0,
    message,
  );
  return {
    kind: 'decided',
    evaluation: summarize(def.metadata.name, 'llm_quality', [check]),
    span,
  };
}

/** LlmGatherOptions are where an embeddings endpoint's key is read from. */
export interface LlmGatherOptions {
  /** Environment for `embeddings.apiKeyEnv`; default process.env. */
  readonly env?: EmbeddingsEnv;
}

/**
 * gatherLlmQuality loads what an `llm_quality` monitor needs at `slotAt`. The window is the last
 * complete hour or day, or the last N answers that started before the slot; the reference is a
 * fixed time range or the windows just before. Answers are successful LLM calls matching the
 * filter (at most MAX_QUERY_LIMIT per window, the newest). Too few answers for an event window is
 * NO_DATA; an unknown model or an embeddings endpoint that fails is an ERROR evaluation saying why.
 */
export async function gatherLlmQuality(
  store: Store,
  projectId: string,
  def: MonitorDefinition,
  slotAt: number,
  options: LlmGatherOptions = {},
): Promise<GatheredInput> {
  const spec = def.spec as LlmQualitySpec;
  let span: EvaluationSpan = { startMs: slotAt, endMs: slotAt };
  if ((await store.getModel(projectId, spec.model)) === null) {
    return decided(def, 'ERROR', `no model "${spec.model}"`, span);
  }
  try {
    const w = await windowOf(store, projectId, spec, slotAt);
    span = w.span;
    if (
      spec.metric === 'hallucination_rate' ||
      spec.metric === 'wrong_price_rate' ||
      spec.metric === 'negative_feedback_rate'
    ) {
      const judged = await judgedOf(store, projectId, spec, span);
      return { kind: 'input', input: { type: 'llm_quality', judged }, span };
    }
    const env = options.env ?? process.env;
    const outputs = await outputsOf(await w.generations(), spec, env);
    const usesReference =
      spec.metric === 'output_drift' ||
      spec.metric === 'language_drift' ||
      (spec.metric === 'output_length' && spec.condition === undefined);
    // The current window first: with too few answers the reference is not worth reading.
    const reference =
      usesReference && (outputs?.length ?? 0) >= spec.minSampleSize
        ? await outputsOf(await w.reference(), spec, env)
        : undefined;
    const input: LlmQualityInput = {
      ...(outputs === undefined ? {} : { outputs }),
      ...(reference === undefined ? {} : { reference }),
    };
    return { kind: 'input', input: { type: 'llm_quality', ...input }, span };
  } catch (e) {
    if (e instanceof GatherError) return decided(def, e.status, e.message, span);
    throw e;
  }
}
