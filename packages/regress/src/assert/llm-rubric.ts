// LLM-as-judge: the `llm-rubric` assertion asks a model behind an OpenAI-compatible chat endpoint
// whether an output meets a rubric, and reads a JSON verdict back.
import { RegressError } from '../errors.js';
import type { AssertionSpec } from '../golden/types.js';
import type { AssertionContext, AssertionOutcome, Judge, JudgeVerdict } from './types.js';

/** JudgeConfig points the judge at a chat-completions endpoint. */
export interface JudgeConfig {
  /** baseUrl of the OpenAI-compatible API, e.g. `https://api.openai.com/v1`. */
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
  /** timeoutMs per judge call; default 60 000. */
  readonly timeoutMs?: number;
}

/** JUDGE_SYSTEM_PROMPT tells the judge how to answer. */
export const JUDGE_SYSTEM_PROMPT =
  'You grade the output of an AI system against a rubric. Reply with one JSON object and nothing ' +
  'else: {"pass": true|false, "score": a number from 0 to 1, "reason": "one sentence"}.';

/** parseVerdict reads the judge's JSON verdict (a code fence around it is tolerated). */
export function parseVerdict(text: string): JudgeVerdict | null {
  const m = /\{[\s\S]*\}/.exec(text);
  if (!m) return null;
  let v: unknown;
  try {
    v = JSON.parse(m[0]);
  } catch {
    return null;
  }
  if (v === null || typeof v !== 'object') return null;
  const o = v as Record<string, unknown>;
  if (typeof o.pass !== 'boolean') return null;
  const score =
    typeof o.score === 'number' && Number.isFinite(o.score)
      ? Math.max(0, Math.min(1, o.score))
      : o.pass
        ? 1
        : 0;
  return { pass: o.pass, score, reason: typeof o.reason === 'string' ? o.reason : '' };
}

/**
 * createOpenAiJudge returns a Judge that posts the rubric, the input and the output to
 * `<baseUrl>/chat/completions` at temperature 0 with a JSON response format. An unreachable
 * judge or a non-2xx answer throws RegressError JUDGE_DOWN (the run errors); an answer that is not
 * a verdict fails the assertion with that reason.
 */
export function createOpenAiJudge(config: JudgeConfig, fetchImpl: typeof fetch = fetch): Judge {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return async ({ rubric, output, input, expected }) => {
    const user = [
      `Rubric:\n${rubric}`,
      input.text !== undefined ? `Input:\n${input.text}` : '',
      typeof expected === 'string' ? `Reference answer:\n${expected}` : '',
      `Output to grade:\n${output}`,
    ]
      .filter((s) => s !== '')
      .join('\n\n');
    let res: Response;
    try {
      res = await fetchImpl(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: config.model,
          temperature: 0,
          response_format: { type: 'json_object' },
          messages: [
            { role: 'system', content: JUDGE_SYSTEM_PROMPT },
            { role: 'user', content: user },
          ],
        }),
        signal: AbortSignal.timeout(config.timeoutMs ?? 60_000),
      });
    } catch (e) {
      throw new RegressError('JUDGE_DOWN', `judge ${url} unreachable: ${(e as Error).message}`, {
        cause: e,
      });
    }
    if (!res.ok) {
      throw new RegressError('JUDGE_DOWN', `judge ${url} answered HTTP ${res.status}`);
    }
    const body = (await res.json()) as { choices?: { message?: { content?: string } }[] };
    const text = body.choices?.[0]?.message?.content ?? '';
    return parseVerdict(text) ?? { pass: false, score: 0, reason: 'judge gave no JSON verdict' };
  };
}

/** llmRubricAssertion asks the context's judge; with `threshold` the score decides, else the verdict. */
export async function llmRubricAssertion(
  spec: AssertionSpec,
  ctx: AssertionContext,
): Promise<AssertionOutcome> {
  if (ctx.judge === undefined) {
    throw new RegressError(
      'JUDGE_DOWN',
      'llm-rubric needs a judge: set `judge` in the target file',
    );
  }
  const v = await ctx.judge({
    rubric: String(spec.value),
    output: ctx.output,
    input: ctx.input,
    expected: ctx.expected,
  });
  const pass = spec.threshold === undefined ? v.pass : v.score >= spec.threshold;
  return { pass, score: v.score, reason: `judge: ${v.reason || (v.pass ? 'pass' : 'fail')}` };
}
