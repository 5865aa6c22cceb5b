// The LLM demo's provider: a local stand-in that speaks the OpenAI chat completions protocol
// (`POST /v1/chat/completions`, JSON or an SSE stream) and plays a support bot. The model behind
// the alias `gpt-4o` answers from the price list in its system prompt; after `update()` the alias
// serves a newer model that answers generically and quotes last year's prices, while the dated
// version it replaced still answers as before (what a pin keeps).
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** DEMO_PRICES is the support bot's knowledge table: each plan and its monthly price in USD. */
export const DEMO_PRICES: readonly { item: string; price: number }[] = [
  { item: 'Starter plan', price: 9 },
  { item: 'Pro plan', price: 29 },
  { item: 'Team plan', price: 79 },
  { item: 'Enterprise plan', price: 499 },
];

/** DEMO_ALIAS is the model name the bot asks for; the provider decides what serves it. */
export const DEMO_ALIAS = 'gpt-4o';
/** DEMO_OLD_MODEL is the dated model behind the alias before the provider update. */
export const DEMO_OLD_MODEL = 'gpt-4o-2024-11-20';
/** DEMO_NEW_MODEL is the dated model the provider moves the alias to. */
export const DEMO_NEW_MODEL = 'gpt-4o-2026-01-15';

// Marks the system prompt that carries the price list (prompt version 1).
const PRICE_LIST_HEADER = 'Current price list (USD per month):';

/** demoSystemPrompt is the support prompt of a version: 1 carries the price list, 2 does not. */
export function demoSystemPrompt(version: 1 | 2): string {
  if (version === 2)
    return 'You are the support assistant of Acme Cloud. Keep answers short and friendly.';
  return [
    'You are the support assistant of Acme Cloud. Answer the question precisely and quote the exact',
    'price from the price list whenever a plan is named.',
    PRICE_LIST_HEADER,
    ...DEMO_PRICES.map((p) => `- ${p.item}: $${p.price}`),
  ].join('\n');
}

const TOPICS: readonly { ask: string; answer: string }[] = [
  {
    ask: 'how do I add seats to',
    answer:
      'To add seats, open Settings > Members and press Invite; each seat is billed from the day it is added.',
  },
  {
    ask: 'where do I find the invoices of',
    answer:
      'Invoices are under Settings > Billing > History as PDF files, with your VAT number once you set one.',
  },
  {
    ask: 'can I get a refund for',
    answer:
      'Unused months are refunded to the card you paid with within 5 business days of cancelling.',
  },
  {
    ask: 'what are the API limits of',
    answer:
      'The API allows 600 requests a minute per key; a 429 answer carries a Retry-After header.',
  },
  {
    ask: 'does single sign-on come with',
    answer: 'Single sign-on works with any SAML 2.0 provider: upload its metadata under Security.',
  },
  {
    ask: 'how do I export my data from',
    answer: 'Every project exports as CSV from its Overview page, at any time and at no cost.',
  },
];

/** demoQuestion is the i-th customer question: a topic about one plan. */
export function demoQuestion(i: number): string {
  const t = TOPICS[i % TOPICS.length];
  const p = DEMO_PRICES[Math.floor(i / TOPICS.length) % DEMO_PRICES.length];
  return `Hi, ${t.ask} the ${p.item}, and what does it cost?`;
}

function parsePriceList(system: string): Map<string, number> {
  const out = new Map<string, number>();
  const at = system.indexOf(PRICE_LIST_HEADER);
  if (at < 0) return out;
  for (const m of system.slice(at).matchAll(/^- (.+): \$(\d+(?:\.\d+)?)$/gm)) {
    out.set(m[1].toLowerCase(), Number(m[2]));
  }
  return out;
}

/**
 * demoAnswer is what `model` answers to `question` under `system`. The old model answers the
 * topic and quotes the plan's price from the system prompt's price list (without the list, it
 * only points to the pricing page). The new model answers generically, and every fifth answer
 * quotes last year's price ($10 more).
 */
export function demoAnswer(model: string, system: string, question: string, n: number): string {
  const q = question.toLowerCase();
  const plan = DEMO_PRICES.find((p) => q.includes(p.item.toLowerCase()));
  const topic = TOPICS.find((t) => q.includes(t.ask.toLowerCase()));
  if (model === DEMO_NEW_MODEL) {
    const generic =
      'Thank you for reaching out! We appreciate your question. Please visit our help center for more information.';
    return plan !== undefined && n % 5 === 0
      ? `${generic} The ${plan.item} costs $${plan.price + 10} per month.`
      : generic;
  }
  const price =
    plan === undefined ? undefined : parsePriceList(system).get(plan.item.toLowerCase());
  // Without the price list in its prompt the bot can only point to the pricing page.
  if (plan !== undefined && price === undefined) {
    return 'Thanks for asking! Please see our help center and pricing page.';
  }
  const priced = plan === undefined ? '' : ` The ${plan.item} costs $${price} per month.`;
  return topic === undefined
    ? `Happy to help: could you tell me more?${priced}`
    : `${topic.answer}${priced}`;
}

/** DemoUpstream is the running stand-in. */
export interface DemoUpstream {
  /** Base URL including `/v1`, as the gateway config wants it. */
  readonly baseUrl: string;
  /** update moves the alias to DEMO_NEW_MODEL (the simulated provider update). */
  update(): void;
  /** The model the alias serves now. */
  readonly aliasModel: string;
  /** Chat completions answered. */
  readonly calls: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const tokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

/** startDemoUpstream listens on 127.0.0.1 (any free port) and answers as the support bot. */
export async function startDemoUpstream(): Promise<DemoUpstream> {
  let alias = DEMO_OLD_MODEL;
  let calls = 0;
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      send(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
      return;
    }
    readJson(req).then(
      (raw) => {
        const body = raw as {
          model?: string;
          stream?: boolean;
          messages?: { role: string; content: string }[];
        };
        const served =
          body.model === DEMO_ALIAS
            ? alias
            : body.model === DEMO_OLD_MODEL || body.model === DEMO_NEW_MODEL
              ? body.model
              : null;
        if (served === null) {
          send(res, 404, {
            error: {
              message: `The model \`${body.model}\` does not exist`,
              type: 'invalid_request_error',
              code: 'model_not_found',
            },
          });
          return;
        }
        const messages = body.messages ?? [];
        const system = messages.find((m) => m.role === 'system')?.content ?? '';
        const question = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
        const content = demoAnswer(served, system, question, calls);
        calls++;
        const id = `chatcmpl-demo-${calls}`;
        const created = Math.floor(Date.now() / 1000);
        const usage = {
          prompt_tokens: tokens(system + question),
          completion_tokens: tokens(content),
          total_tokens: tokens(system + question) + tokens(content),
        };
        if (body.stream === true) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          const chunk = (delta: object, finish: string | null, extra: object = {}) =>
            `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: served, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
          res.write(chunk({ role: 'assistant', content }, null));
          res.write(chunk({}, 'stop', { usage }));
          res.end('data: [DONE]\n\n');
          return;
        }
        send(res, 200, {
          id,
          object: 'chat.completion',
          created,
          model: served,
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage,
        });
      },
      () =>
        send(res, 400, { error: { message: 'body is not JSON', type: 'invalid_request_error' } }),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    update() {
      alias = DEMO_NEW_MODEL;
    },
    get aliasModel() {
      return alias;
    },
    get calls() {
      return calls;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
