// Who is calling: a project's API key (`Authorization: Bearer vgl_…`) for tenant routes, the
// admin token for creating projects. Keys are looked up by hash on every request, so a revoked
// key stops working immediately, in every server process sharing the store.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { KeyIdentity, Store } from '@vigil/store';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

function bearer(request: FastifyRequest): string {
  const h = request.headers.authorization;
  if (h === undefined || h === '') {
    throw new AppError({
      code: 'UNAUTHENTICATED',
      message: 'missing Authorization header: send "Authorization: Bearer <API key>"',
    });
  }
  const m = BEARER.exec(h);
  if (m === null) {
    throw new AppError({
      code: 'UNAUTHENTICATED',
      message: 'malformed Authorization header: expected "Bearer <API key>"',
    });
  }
  return m[1];
}

/** authenticateKey resolves the request's API key to its project, or throws UNAUTHENTICATED. */
export async function authenticateKey(store: Store, request: FastifyRequest): Promise<KeyIdentity> {
  const id = await store.authenticate(bearer(request));
  if (id === null) {
    throw new AppError({ code: 'UNAUTHENTICATED', message: 'invalid or revoked API key' });
  }
  return id;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * checkAdminToken accepts the request only if it carries the configured admin token (compared in
 * constant time); with no token configured, admin routes are disabled (403).
 */
export function checkAdminToken(adminToken: string | undefined, request: FastifyRequest): void {
  if (adminToken === undefined) {
    throw new AppError({
      code: 'FORBIDDEN',
      message: 'creating projects over HTTP is disabled: set VIGIL_ADMIN_TOKEN',
    });
  }
  const given = bearer(request);
  if (!timingSafeEqual(digest(given), digest(adminToken))) {
    throw new AppError({ code: 'UNAUTHENTICATED', message: 'invalid admin token' });
  }
}
