// The OpenAI-compatible chat target: renders the prompt for a case, posts it to
// `<baseUrl>/chat/completions`, and prices the answer's token usage.
import type { ChatMessage, GoldenCase } from '../golden/types.js';
import { caseScope, renderTemplate } from './template.js';
import {
  fetchFailure,
  httpFailure,
  type Target,
  type TargetCall,
  TargetCallError,
} from './types.js';

/** PromptSpec is the prompt of a chat target: a user template, a system prompt, or messages. */
export interface PromptSpec {
  /** template of the user message; default `{{input}}`. */
  readonly template?: string;
  readonly system?: string;
  /** messages is a whole conversation template (each content rendered); overrides template. */
  readonly messages?: readonly ChatMessage[];
}

/** Pricing is a model's price in US dollars per million tokens. */
export interface Pricing {
  readonly inputPerMTok: number;
  readonly outputPerMTok: number;
}

/** OpenAiTargetOptions configures {@link createOpenAiTarget}. */
export interface OpenAiTargetOptions {
  readonly name: string;
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
  readonly prompt: PromptSpec;
  /** version under test, e.g. `support@7` for a registry prompt; default derived from model and prompt. */
  readonly version: string;
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly pricing?: Pricing;
  readonly fetch?: typeof fetch;
}

/** chatMessages builds the messages sent for a case: the case's own conversation, or the prompt. */
export function chatMessages(prompt: PromptSpec, c: GoldenCase): ChatMessage[] {
  const scope = caseScope(c);
  const out: ChatMessage[] = [];
  if (prompt.system !== undefined)
    out.push({ role: 'system', content: renderTemplate(prompt.system, scope) });
  if (prompt.messages !== undefined) {
    for (const m of prompt.messages)
      out.push({ role: m.role, content: renderTemplate(m.content, scope) });
  } else if (
    c.input.messages !== undefined &&
    c.input.text === undefined &&
    prompt.template === undefined
  ) {
    out.push(...c.input.messages);
    return out;
  } else {
    out.push({ role: 'user', content: renderTemplate(prompt.template ?? '{{input}}', scope) });
  }
  if (
    c.input.messages !== undefined &&
    prompt.messages === undefined &&
    prompt.template !== undefined
  ) {
    // A case conversation with a template: the conversation comes before the rendered turn.
    out.splice(out.length - 1, 0, ...c.input.messages);
  }
  return out;
}

/** createOpenAiTarget returns a Target over an OpenAI-compatible chat-completions endpoint. */
export function createOpenAiTarget(options: OpenAiTargetOptions): Target {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const doFetch = options.fetch ?? fetch;
  return {
    name: options.name,
    kind: 'openai',
    version: options.version,
    async call(c, signal): Promise<TargetCall> {
      const body = {
        model: options.model,
        messages: chatMessages(options.prompt, c),
        ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
        ...(options.maxTokens === undefined ? {} : { max_tokens: options.maxTokens }),
      };
      const started = performance.now();
      let res: Response;
      try {
        res = await doFetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            // Repeats measure the model's variance: ask every cache on the way to stay out.
            'cache-control': 'no-store',
            ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          },
          body: JSON.stringify(body),
          signal,
        });
      } catch (e) {
        throw fetchFailure(url, e, signal);
      }
      const text = await res.text().catch((e) => {
        throw fetchFailure(url, e, signal);
      });
      const latencyMs = performance.now() - started;
      if (!res.ok) throw httpFailure(url, res.status, text);
      let json: {
        choices?: { message?: { content?: string | null } }[];
        usage?: { prompt_tokens?: number; completion_tokens?: number };
      };
      try {
        json = JSON.parse(text);
      } catch {
        throw new TargetCallError(`${url} answered with something that is not JSON`, false);
      }
      const content = json.choices?.[0]?.message?.content;
      if (typeof content !== 'string') {
        throw new TargetCallError(`${url} answered without choices[0].message.content`, false);
      }
      const usage = json.usage;
      const costUsd =
        options.pricing && usage
          ? ((usage.prompt_tokens ?? 0) * options.pricing.inputPerMTok +
              (usage.completion_tokens ?? 0) * options.pricing.outputPerMTok) /
            1e6
          : null;
      return { output: content, latencyMs, costUsd };
    },
  };
}
