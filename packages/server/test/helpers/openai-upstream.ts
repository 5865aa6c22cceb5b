// A local stand-in for an OpenAI-compatible provider, speaking the real wire protocol: chat
// completions as JSON or as an SSE stream (usage in the final chunk when asked), embeddings, and
// the faults a gateway must survive, chosen by model name: `broken-*` answers 500, `slow-*` never
// answers, `stall-*` streams one chunk then goes silent, `reject-*` answers a 400.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** ReceivedCall is a request the stand-in got. */
export interface ReceivedCall {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: Record<string, unknown>;
}

/** Upstream is a running stand-in. */
export interface Upstream {
  /** Base URL with /v1, as a gateway config or an OpenAI client takes it. */
  readonly baseUrl: string;
  readonly calls: ReceivedCall[];
  close(): Promise<void>;
}

/** REPLY_WORDS are the words every completion answers, streamed one per chunk. */
export const REPLY_WORDS = ['Prices ', 'start ', 'at ', '$10.'];
/** USAGE is the usage the stand-in reports for every chat completion. */
export const USAGE = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 };

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** startUpstream starts the stand-in on 127.0.0.1 with a free port. */
export async function startUpstream(): Promise<Upstream> {
  const calls: ReceivedCall[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse((await readBody(req)) || '{}') as Record<string, unknown>;
    const path = (req.url ?? '').split('?')[0] ?? '';
    calls.push({ path, authorization: req.headers.authorization, body });
    const model = String(body.model ?? '');
    if (model.startsWith('broken-')) {
      json(res, 500, { error: { message: 'the model is overloaded', type: 'server_error' } });
      return;
    }
    if (model.startsWith('reject-')) {
      json(res, 400, {
        error: {
          message: 'temperature is out of range',
          type: 'invalid_request_error',
          param: 'temperature',
          code: null,
        },
      });
      return;
    }
    if (model.startsWith('slow-')) {
      hanging.add(res);
      return;
    }
    if (path === '/v1/embeddings') {
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      json(res, 200, {
        object: 'list',
        model,
        // The official client asks for base64 (little-endian float32) by default.
        data: inputs.map((_, index) => ({
          object: 'embedding',
          index,
          embedding:
            body.encoding_format === 'base64'
              ? Buffer.from(new Float32Array([0.5, 0.25, -1]).buffer).toString('base64')
              : [0.5, 0.25, -1],
        })),
        usage: { prompt_tokens: 5 * inputs.length, total_tokens: 5 * inputs.length },
      });
      return;
    }
    const created = 1_700_000_000;
    if (body.stream === true) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const chunk = (delta: Record<string, unknown>, finish: string | null) => ({
        id: 'chatcmpl-1',
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: finish }],
      });
      res.write(`data: ${JSON.stringify(chunk({ role: 'assistant', content: '' }, null))}\n\n`);
      if (model.startsWith('stall-')) {
        hanging.add(res);
        return;
      }
      for (const w of REPLY_WORDS)
        res.write(`data: ${JSON.stringify(chunk({ content: w }, null))}\n\n`);
      res.write(`data: ${JSON.stringify(chunk({}, 'stop'))}\n\n`);
      const so = body.stream_options as { include_usage?: boolean } | undefined;
      if (so?.include_usage === true) {
        res.write(
          `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created, model, choices: [], usage: USAGE })}\n\n`,
        );
      }
      res.end('data: [DONE]\n\n');
      return;
    }
    json(res, 200, {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: REPLY_WORDS.join('') },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: USAGE,
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
