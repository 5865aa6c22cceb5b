// The `javascript` assertion: a user expression evaluated in a separate V8 context (node:vm) with a
// time limit. The context has no `require`, no `process` and no string code generation; the case's
// data goes in as a JSON string and a primitive output, so no host object (and through it the
// host's Function constructor) is reachable. node:vm is not a security boundary against hostile
// code: golden sets are trusted project files, the limits only keep a bad expression from hanging
// or reaching into the runner by accident.
import { createContext, Script } from 'node:vm';
import type { AssertionSpec } from '../golden/types.js';
import type { AssertionContext, AssertionOutcome } from './types.js';
import { outcome } from './types.js';

/** JAVASCRIPT_TIMEOUT_MS is how long one evaluation of an expression may run. */
export const JAVASCRIPT_TIMEOUT_MS = 100;

/**
 * compileJavascript compiles an expression (or a function body with `return`) once; it throws
 * SyntaxError when the code does not parse. The expression sees `output` (string), `expected`,
 * `input` (the case text), `vars`, `messages`, `latencyMs` and `costUsd`; it returns a boolean
 * (pass) or a number (score in [0, 1], passing at `threshold`, default 0.5).
 */
export function compileJavascript(
  code: string,
): (spec: AssertionSpec, ctx: AssertionContext) => AssertionOutcome {
  const body = /\breturn\b/.test(code) ? code : `return (${code}\n);`;
  const script = new Script(
    `(function (output, expected, input, vars, messages, latencyMs, costUsd) {\n${body}\n})` +
      '(__output, __data.expected, __data.input, __data.vars, __data.messages, __data.latencyMs, __data.costUsd)',
    { filename: 'assertion.js' },
  );
  // One context per assertion, reused across outputs (creating one costs far more than a run).
  const sandbox: Record<string, unknown> = Object.create(null);
  const context = createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
  const parse = new Script('__data = JSON.parse(__json);');
  return (spec, ctx) => {
    sandbox.__output = ctx.output;
    sandbox.__json = JSON.stringify({
      expected: ctx.expected ?? null,
      input: ctx.input.text ?? null,
      vars: ctx.input.vars ?? {},
      messages: ctx.input.messages ?? [],
      latencyMs: ctx.latencyMs,
      costUsd: ctx.costUsd,
    });
    let result: unknown;
    try {
      parse.runInContext(context);
      result = script.runInContext(context, { timeout: JAVASCRIPT_TIMEOUT_MS });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return outcome(false, `expression threw: ${message}`);
    }
    if (typeof result === 'boolean') return outcome(result, `expression returned ${result}`);
    if (typeof result === 'number' && Number.isFinite(result)) {
      const score = Math.max(0, Math.min(1, result));
      const threshold = spec.threshold ?? 0.5;
      return { pass: score >= threshold, score, reason: `expression scored ${score}` };
    }
    return outcome(false, `expression returned ${typeof result}, not a boolean or a number`);
  };
}
