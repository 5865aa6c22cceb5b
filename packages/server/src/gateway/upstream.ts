// One call to an upstream over node:http(s) with keep-alive connections (the cheapest client Node
// has: no per-call TLS or TCP set-up on the hot path). The answer must start within timeoutMs and,
// while the body streams, no gap between two chunks may exceed it: a silent upstream never hangs
// the gateway.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** UpstreamFailure is a call that got no usable answer: it timed out or the connection failed. */
export class UpstreamFailure extends Error {
  readonly kind: 'timeout' | 'network';

  constructor(kind: 'timeout' | 'network', message: string) {
    super(message);
    this.name = 'UpstreamFailure';
    this.kind = kind;
  }
}

/** UpstreamResponse is an answer whose body is still to be read. */
export interface UpstreamResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: IncomingMessage;
}

/** UpstreamClient sends requests to upstreams, reusing connections. */
export interface UpstreamClient {
  /**
   * post sends `body` (JSON) to `url` and resolves when the answer's headers arrived; rejects with
   * UpstreamFailure on timeout or a connection error. `abort` cancels the call.
   */
  post(
    url: string,
    body: Buffer,
    options: { apiKey?: string; timeoutMs: number; abort?: AbortSignal },
  ): Promise<UpstreamResponse>;
  /** readAll collects a body, failing when a gap between chunks exceeds timeoutMs. */
  readAll(res: UpstreamResponse, timeoutMs: number): Promise<Buffer>;
  close(): void;
}

/** createUpstreamClient builds a client with its own keep-alive pools. */
export function createUpstreamClient(): UpstreamClient {
  const http = new HttpAgent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 10_000 });
  const https = new HttpsAgent({ keepAlive: true, maxSockets: 256, keepAliveMsecs: 10_000 });
  // Upstream URLs are a handful: parse each once, not on every call.
  const urls = new Map<string, URL>();
  const parse = (url: string): URL => {
    let u = urls.get(url);
    if (u === undefined) {
      u = new URL(url);
      if (urls.size < 1000) urls.set(url, u);
    }
    return u;
  };
  return {
    post(url, body, options) {
      return new Promise<UpstreamResponse>((resolve, reject) => {
        const u = parse(url);
        const secure = u.protocol === 'https:';
        const headers: Record<string, string | number> = {
          'content-type': 'application/json',
          'content-length': body.length,
          accept: 'application/json, text/event-stream',
        };
        if (options.apiKey !== undefined) headers.authorization = `Bearer ${options.apiKey}`;
        const req = (secure ? httpsRequest : httpRequest)(u, {
          method: 'POST',
          headers,
          agent: secure ? https : http,
        });
        let settled = false;
        const fail = (e: UpstreamFailure) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          req.destroy();
          reject(e);
        };
        const timer = setTimeout(
          () =>
            fail(
              new UpstreamFailure(
                'timeout',
                `upstream ${u.host} did not answer within ${options.timeoutMs} ms`,
              ),
            ),
          options.timeoutMs,
        );
        const onAbort = () => fail(new UpstreamFailure('network', 'client went away'));
        options.abort?.addEventListener('abort', onAbort, { once: true });
        req.on('error', (e: NodeJS.ErrnoException) =>
          fail(
            new UpstreamFailure(
              'network',
              `upstream ${u.host} unreachable: ${e.code ?? ''} ${e.message}`.replace(/\s+/g, ' '),
            ),
          ),
        );
        req.on('response', (res) => {
          if (settled) {
            res.resume();
            return;
          }
          settled = true;
          clearTimeout(timer);
          options.abort?.removeEventListener('abort', onAbort);
          resolve({
            status: res.statusCode ?? 502,
            contentType: String(res.headers['content-type'] ?? ''),
            body: res,
          });
        });
        req.end(body);
      });
    },
    readAll(res, timeoutMs) {
      return new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        let timer = setTimeout(onIdle, timeoutMs);
        function onIdle() {
          res.body.destroy();
          reject(new UpstreamFailure('timeout', `upstream stopped sending for ${timeoutMs} ms`));
        }
        res.body.on('data', (c: Buffer) => {
          chunks.push(c);
          clearTimeout(timer);
          timer = setTimeout(onIdle, timeoutMs);
        });
        res.body.on('end', () => {
          clearTimeout(timer);
          resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks));
        });
        res.body.on('error', (e) => {
          clearTimeout(timer);
          reject(new UpstreamFailure('network', `upstream body failed: ${e.message}`));
        });
      });
    },
    close() {
      http.destroy();
      https.destroy();
    },
  };
}
