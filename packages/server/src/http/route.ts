// Routes are declared as data (method, path, auth, zod schemas, handler) so that one list both
// registers the handlers and generates /openapi.json: the document cannot drift from the code.
import type { KeyIdentity, Store } from '@vigil/store';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import type { ServerMetrics } from '../metrics.js';
import { authenticateKey, checkAdminToken } from './auth.js';
import { parseInput } from './validate.js';

/** RouteAuth says who may call a route: anyone, a project's API key, or the admin token. */
export type RouteAuth = 'public' | 'key' | 'admin';

/** ServerDeps are the collaborators every handler receives. */
export interface ServerDeps {
  readonly store: Store;
  readonly logger: Logger;
  readonly metrics: ServerMetrics;
  readonly adminToken: string | undefined;
  /** knownModels returns which of `names` are models of the project (cached, refreshed on miss). */
  knownModels(projectId: string, names: ReadonlySet<string>): Promise<ReadonlySet<string>>;
  /** forgetModels drops the project's cached model names after a model is created. */
  forgetModels(projectId: string): void;
}

/** RouteResponse documents one response status. */
export interface RouteResponse {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** Default application/json. */
  readonly contentType?: string;
}

/** HandlerContext is what a handler gets: validated inputs, the caller's identity, deps. */
export interface HandlerContext<B, Q, P> {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly body: B;
  readonly query: Q;
  readonly params: P;
  /** The API key's project; set on 'key' routes only (throws elsewhere). */
  readonly identity: KeyIdentity;
  readonly deps: ServerDeps;
}

/** RouteSpec declares one route. Without `validateBody: false` the body is parsed by `body`. */
export interface RouteSpec<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Fastify path, e.g. `/v1/models/:model`. */
  readonly url: string;
  readonly auth: RouteAuth;
  readonly summary: string;
  readonly tag: string;
  readonly body?: B;
  /** false: the handler validates the body itself (ingest validates item by item). */
  readonly validateBody?: boolean;
  readonly query?: Q;
  readonly params?: P;
  readonly responses: Readonly<Record<number, RouteResponse>>;
  handler(ctx: HandlerContext<z.output<B>, z.output<Q>, z.output<P>>): Promise<unknown>;
}

/** defineRoute types a RouteSpec's handler from its schemas (identity at runtime). */
export function defineRoute<
  B extends z.ZodType = z.ZodUnknown,
  Q extends z.ZodType = z.ZodUnknown,
  P extends z.ZodType = z.ZodUnknown,
>(spec: RouteSpec<B, Q, P>): RouteSpec {
  return spec as unknown as RouteSpec;
}

const NO_IDENTITY: KeyIdentity = new Proxy({} as KeyIdentity, {
  get() {
    throw new Error('identity read on a route that is not authenticated by API key');
  },
});

/** registerRoutes adds every spec to `app`, authenticating and validating before the handler. */
export function registerRoutes(
  app: FastifyInstance,
  specs: readonly RouteSpec[],
  deps: ServerDeps,
): void {
  const identities = new WeakMap<FastifyRequest, KeyIdentity>();
  for (const spec of specs) {
    app.route({
      method: spec.method,
      url: spec.url,
      // Authenticate in onRequest, before the body is read: an anonymous caller cannot make the
      // server buffer or parse anything, and learns nothing from validation errors.
      onRequest: async (request) => {
        if (spec.auth === 'key')
          identities.set(request, await authenticateKey(deps.store, request));
        else if (spec.auth === 'admin') checkAdminToken(deps.adminToken, request);
      },
      handler: async (request, reply) => {
        const identity = identities.get(request) ?? NO_IDENTITY;
        const params = spec.params ? parseInput(spec.params, request.params, 'params') : undefined;
        const query = spec.query ? parseInput(spec.query, request.query, 'query') : undefined;
        const body =
          spec.body && spec.validateBody !== false
            ? parseInput(spec.body, request.body, 'body')
            : request.body;
        return spec.handler({ request, reply, body, query, params, identity, deps });
      },
    });
  }
}
