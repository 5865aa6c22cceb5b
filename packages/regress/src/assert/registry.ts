// The assertion registry: which value each type takes (checked when a set is parsed, so a bad set
// fails with its line), how each compiles, and how a case's assertions combine into a verdict.
import type { AssertionSpec, AssertionType } from '../golden/types.js';
import { compileJavascript } from './javascript.js';
import { compileSchema, isJsonAssertion, jsonSchemaAssertion } from './json.js';
import { llmRubricAssertion } from './llm-rubric.js';
import {
  costAssertion,
  labelAssertion,
  latencyAssertion,
  metricAssertion,
  numericAssertion,
} from './metric.js';
import {
  compileRegex,
  containsAssertion,
  containsListAssertion,
  equalsAssertion,
  startsWithAssertion,
} from './text.js';
import type {
  AssertionContext,
  AssertionOutcome,
  AssertionResult,
  CompiledAssertion,
} from './types.js';
import { outcome } from './types.js';

const isStringList = (v: unknown): boolean =>
  Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string');

/**
 * checkAssertionValue says what is wrong with an assertion's value for its type, or returns
 * undefined. `hasExpected` tells whether the case has an expected output to fall back on.
 */
export function checkAssertionValue(spec: AssertionSpec, hasExpected: boolean): string | undefined {
  const v = spec.value;
  switch (spec.type) {
    case 'contains-any':
    case 'contains-all':
    case 'icontains-any':
    case 'icontains-all':
      return isStringList(v) ? undefined : 'value must be a non-empty list of strings';
    case 'regex':
    case 'javascript':
    case 'llm-rubric':
      return typeof v === 'string' && v !== '' ? undefined : 'value must be a non-empty string';
    case 'json-schema':
      return v !== null && typeof v === 'object' && !Array.isArray(v)
        ? undefined
        : 'value must be a JSON Schema object';
    case 'latency':
    case 'cost': {
      const max = spec.threshold ?? v;
      return typeof max === 'number' && max >= 0
        ? undefined
        : `${spec.type} needs a threshold (the maximum ${spec.type === 'latency' ? 'ms' : 'USD'})`;
    }
    case 'numeric': {
      const target = v ?? undefined;
      if (target === undefined && !hasExpected) return 'value (a number) or expected is required';
      return target === undefined || typeof target === 'number'
        ? undefined
        : 'value must be a number';
    }
    case 'is-json':
      return undefined;
    default:
      if (v === undefined && !hasExpected) return 'value or the case expected output is required';
      if (spec.type === 'equals' || spec.type === 'label') return undefined;
      return v === undefined || typeof v === 'string' ? undefined : 'value must be a string';
  }
}

type Evaluate = (ctx: AssertionContext) => AssertionOutcome | Promise<AssertionOutcome>;

function evaluator(spec: AssertionSpec): Evaluate {
  const t: AssertionType = spec.type;
  switch (t) {
    case 'equals':
      return (ctx) => equalsAssertion(spec, ctx);
    case 'contains':
    case 'icontains':
      return (ctx) => containsAssertion(spec, ctx, t === 'icontains');
    case 'contains-any':
    case 'contains-all':
    case 'icontains-any':
    case 'icontains-all':
      return (ctx) =>
        containsListAssertion(spec, ctx, t.startsWith('i'), t.endsWith('any') ? 'any' : 'all');
    case 'starts-with':
      return (ctx) => startsWithAssertion(spec, ctx);
    case 'regex': {
      const re = compileRegex(String(spec.value));
      return (ctx) => {
        const pass = re.test(ctx.output);
        return outcome(pass, `${pass ? 'matches' : 'does not match'} ${re}`);
      };
    }
    case 'is-json':
      return (ctx) => isJsonAssertion(ctx);
    case 'json-schema': {
      const validate = compileSchema(spec.value);
      return (ctx) => jsonSchemaAssertion(validate, ctx);
    }
    case 'numeric':
      return (ctx) => numericAssertion(spec, ctx);
    case 'javascript': {
      const run = compileJavascript(String(spec.value));
      return (ctx) => run(spec, ctx);
    }
    case 'latency':
      return (ctx) => latencyAssertion(spec, ctx);
    case 'cost':
      return (ctx) => costAssertion(spec, ctx);
    case 'label':
      return (ctx) => labelAssertion(spec, ctx);
    case 'llm-rubric':
      return (ctx) => llmRubricAssertion(spec, ctx);
    default:
      return (ctx) => metricAssertion(spec, ctx);
  }
}

/**
 * compileAssertion prepares one assertion (regex, JSON Schema and JavaScript are compiled here,
 * once per set). It throws with the compiler's message on a bad pattern, schema or expression.
 */
export function compileAssertion(spec: AssertionSpec): CompiledAssertion {
  return { spec, async: spec.type === 'llm-rubric', evaluate: evaluator(spec) };
}

function applyNegation(spec: AssertionSpec, o: AssertionOutcome): AssertionResult {
  const type = `${spec.negate ? 'not-' : ''}${spec.type}`;
  if (!spec.negate)
    return { type, pass: o.pass, score: o.score, weight: spec.weight, reason: o.reason };
  return {
    type,
    pass: !o.pass,
    score: 1 - o.score,
    weight: spec.weight,
    reason: `not: ${o.reason}`,
  };
}

/** CaseVerdict is a case's verdict on one output. */
export interface CaseVerdict {
  readonly pass: boolean;
  /** score: the weighted mean of the assertion scores (1 for a case without assertions). */
  readonly score: number;
  readonly assertions: readonly AssertionResult[];
}

/**
 * evaluateAssertions runs a case's assertions on one output. The score is Σ wᵢ·sᵢ / Σ wᵢ (1 when
 * the weights sum to 0). With a case threshold the case passes when score ≥ threshold; without one,
 * every assertion of positive weight must pass (weight-0 assertions are informative only).
 */
export async function evaluateAssertions(
  compiled: readonly CompiledAssertion[],
  threshold: number | undefined,
  ctx: AssertionContext,
): Promise<CaseVerdict> {
  const results: AssertionResult[] = [];
  for (const c of compiled) {
    const raw = c.async ? await c.evaluate(ctx) : (c.evaluate(ctx) as AssertionOutcome);
    results.push(applyNegation(c.spec, raw));
  }
  return combine(results, threshold);
}

/** evaluateAssertionsSync is evaluateAssertions for sets without llm-rubric (benchmarks, tests). */
export function evaluateAssertionsSync(
  compiled: readonly CompiledAssertion[],
  threshold: number | undefined,
  ctx: AssertionContext,
): CaseVerdict {
  const results: AssertionResult[] = [];
  for (const c of compiled) {
    if (c.async) throw new Error(`evaluateAssertionsSync cannot run ${c.spec.type}`);
    results.push(applyNegation(c.spec, c.evaluate(ctx) as AssertionOutcome));
  }
  return combine(results, threshold);
}

function combine(results: AssertionResult[], threshold: number | undefined): CaseVerdict {
  let weighted = 0;
  let weights = 0;
  for (const r of results) {
    weighted += r.weight * r.score;
    weights += r.weight;
  }
  const score = weights > 0 ? weighted / weights : 1;
  const pass =
    threshold === undefined ? results.every((r) => r.weight === 0 || r.pass) : score >= threshold;
  return { pass, score, assertions: results };
}
