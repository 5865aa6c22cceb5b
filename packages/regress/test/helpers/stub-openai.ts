// A local stand-in for an LLM provider speaking the OpenAI chat-completions protocol on 127.0.0.1.
// It answers from a table keyed by the last user message; `answer` may depend on the whole
// request (the prompt, the call count) so tests can break cases, add flakiness or fail.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** ChatRequest is the part of a chat-completions request the stub reads. */
export interface ChatRequest {
  readonly model: string;
  readonly messages: { role: string; content: string }[];
  readonly temperature?: number;
}

/** StubReply is what the stub sends: a text answer, or an HTTP error status. */
export type StubReply = string | { status: number; body?: string };

/** StubOpenAi is a running stub. */
export interface StubOpenAi {
  readonly baseUrl: string;
  /** requests received, in order. */
  readonly requests: ChatRequest[];
  close(): Promise<void>;
}

/**
 * startStubOpenAi listens on 127.0.0.1:0 and answers POST /v1/chat/completions with
 * `answer(request, callNumber)`; `delayMs` simulates the model's own latency.
 */
export async function startStubOpenAi(
  answer: (req: ChatRequest, call: number) => StubReply | Promise<StubReply>,
  options: { delayMs?: number } = {},
): Promise<StubOpenAi> {
  const requests: ChatRequest[] = [];
  let calls = 0;
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
    requests.push(body);
    const reply = await answer(body, calls++);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (typeof reply !== 'string') {
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(
        reply.body ?? JSON.stringify({ error: { message: 'stub error', type: 'server_error' } }),
      );
      return;
    }
    const prompt = body.messages.reduce((n, m) => n + m.content.split(/\s+/).length, 0);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: `chatcmpl-${calls}`,
        object: 'chat.completion',
        created: 1_700_000_000,
        model: body.model,
        choices: [
          { index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' },
        ],
        usage: {
          prompt_tokens: prompt,
          completion_tokens: reply.split(/\s+/).length,
          total_tokens: prompt + reply.split(/\s+/).length,
        },
      }),
    );
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** lastUser is the content of the last user message of a request. */
export function lastUser(req: ChatRequest): string {
  for (let i = req.messages.length - 1; i >= 0; i--)
    if (req.messages[i].role === 'user') return req.messages[i].content;
  return '';
}
