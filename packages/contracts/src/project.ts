// Projects and their API keys. A key reads and writes exactly one project; only its hash is stored.
import { z } from 'zod';

/** PROJECT_ID_PATTERN is a project id: lowercase letters, digits and `-`, 1..63 characters. */
export const PROJECT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** projectIdSchema validates a project id (it appears inside API keys, so it holds no `_`). */
export const projectIdSchema = z
  .string()
  .regex(PROJECT_ID_PATTERN, 'project id: 1-63 lowercase letters, digits or "-", not "-" first');

/** createProjectSchema is the body that creates a project. */
export const createProjectSchema = z.strictObject({
  id: projectIdSchema,
  name: z.string().min(1).max(200),
});

/** projectSchema is a stored project; times are epoch milliseconds. */
export const projectSchema = z.strictObject({
  id: projectIdSchema,
  name: z.string(),
  created_at: z.number().int(),
});

/** API_KEY_PREFIX starts every Vigil API key, so secret scanners can recognise leaked ones. */
export const API_KEY_PREFIX = 'vgl_';
/** API_KEY_SECRET_LENGTH is the number of base62 characters of a key's random part (~190 bits). */
export const API_KEY_SECRET_LENGTH = 32;
/** API_KEY_PATTERN matches a whole key `vgl_<project>_<secret>` and captures project and secret. */
export const API_KEY_PATTERN = /^vgl_([a-z0-9][a-z0-9-]{0,62})_([A-Za-z0-9]{32})$/;

/**
 * parseApiKey splits a key into its project id and secret, or returns null when the text is not a
 * well-formed key. The project in the key only routes the lookup: the key's hash decides.
 * Example: parseApiKey('vgl_acme_' + 'a'.repeat(32)) → { projectId: 'acme', secret: 'aaa…' }.
 */
export function parseApiKey(key: string): { projectId: string; secret: string } | null {
  const m = API_KEY_PATTERN.exec(key);
  return m === null ? null : { projectId: m[1], secret: m[2] };
}

/** createApiKeySchema is the body that creates a key for the caller's project. */
export const createApiKeySchema = z.strictObject({
  name: z.string().min(1).max(200),
});

/** apiKeyInfoSchema is what may be shown about a key: never the key itself nor its hash. */
export const apiKeyInfoSchema = z.strictObject({
  id: z.string(),
  project_id: projectIdSchema,
  name: z.string(),
  /** The first characters of the key (`vgl_acme_AbC1`), to recognise it in a list. */
  display: z.string(),
  created_at: z.number().int(),
  revoked_at: z.number().int().nullable(),
});

/** CreateProject is the validated body that creates a project. */
export type CreateProject = z.output<typeof createProjectSchema>;
/** Project is a stored project. */
export type Project = z.output<typeof projectSchema>;
/** CreateApiKey is the validated body that creates an API key. */
export type CreateApiKey = z.output<typeof createApiKeySchema>;
/** ApiKeyInfo describes a key without revealing it. */
export type ApiKeyInfo = z.output<typeof apiKeyInfoSchema>;
