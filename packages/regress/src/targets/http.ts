// Any HTTP endpoint as a target: a request template (method, URL, headers, body) filled from the
// case, and a response path that picks the output (and optionally the cost) out of the JSON answer.
import { caseScope, readPath, renderDeep, renderTemplate } from './template.js';
import {
  fetchFailure,
  httpFailure,
  type Target,
  type TargetCall,
  TargetCallError,
} from './types.js';

/** HttpTargetOptions configures {@link createHttpTarget}. */
export interface HttpTargetOptions {
  readonly name: string;
  readonly version: string;
  readonly url: string;
  /** method; default POST. */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** body: a string template, or a JSON value whose strings are templates. */
  readonly body?: unknown;
  /** responsePath: dotted path of the output in the JSON answer; unset: the whole body as text. */
  readonly responsePath?: string;
  /** costPath: dotted path of the call's cost in US dollars, when the endpoint reports one. */
  readonly costPath?: string;
  readonly fetch?: typeof fetch;
}

/** createHttpTarget returns a Target over any HTTP endpoint. */
export function createHttpTarget(options: HttpTargetOptions): Target {
  const doFetch = options.fetch ?? fetch;
  const method = (options.method ?? 'POST').toUpperCase();
  return {
    name: options.name,
    kind: 'http',
    version: options.version,
    async call(c, signal): Promise<TargetCall> {
      const scope = caseScope(c);
      const url = renderTemplate(options.url, scope);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(options.headers ?? {}))
        headers[k] = renderTemplate(v, scope);
      let body: string | undefined;
      if (options.body !== undefined && method !== 'GET' && method !== 'HEAD') {
        if (typeof options.body === 'string') body = renderTemplate(options.body, scope);
        else {
          body = JSON.stringify(renderDeep(options.body, scope));
          headers['content-type'] ??= 'application/json';
        }
      }
      const started = performance.now();
      let res: Response;
      let text: string;
      try {
        res = await doFetch(url, { method, headers, body, signal });
        text = await res.text();
      } catch (e) {
        throw fetchFailure(url, e, signal);
      }
      const latencyMs = performance.now() - started;
      if (!res.ok) throw httpFailure(url, res.status, text);
      if (options.responsePath === undefined && options.costPath === undefined) {
        return { output: text, latencyMs, costUsd: null };
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new TargetCallError(`${url} answered with something that is not JSON`, false);
      }
      const picked =
        options.responsePath === undefined ? json : readPath(json, options.responsePath);
      if (picked === undefined) {
        throw new TargetCallError(
          `${url}: the answer has nothing at "${options.responsePath}"`,
          false,
        );
      }
      const cost =
        options.costPath === undefined ? undefined : Number(readPath(json, options.costPath));
      return {
        output: typeof picked === 'string' ? picked : JSON.stringify(picked),
        latencyMs,
        costUsd: cost !== undefined && Number.isFinite(cost) ? cost : null,
      };
    },
  };
}
