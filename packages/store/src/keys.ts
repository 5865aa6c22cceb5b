// API keys: `vgl_<project>_<32 base62 chars>` (~190 random bits). Only a SHA-256 of the key is
// stored: the key is random and long, so a slow password hash would add latency to every request
// without adding security (nothing to brute-force from a dictionary).
import { createHash, randomBytes } from 'node:crypto';
import { API_KEY_PREFIX, API_KEY_SECRET_LENGTH } from '@vigil/contracts';

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * generateApiKey makes a new key for a project. Bytes >= 248 are rejected so that every base62
 * character is uniform (248 = 4·62). Example: generateApiKey('acme') → 'vgl_acme_Xk3…' (41 chars).
 */
export function generateApiKey(projectId: string): string {
  let secret = '';
  while (secret.length < API_KEY_SECRET_LENGTH) {
    for (const b of randomBytes(48)) {
      if (b < 248 && secret.length < API_KEY_SECRET_LENGTH) secret += BASE62[b % 62];
    }
  }
  return `${API_KEY_PREFIX}${projectId}_${secret}`;
}

/** hashApiKey is the stored form of a key: lowercase hex SHA-256 of the whole key. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** displayApiKey is the recognisable start of a key (prefix, project, 4 secret characters). */
export function displayApiKey(key: string, projectId: string): string {
  return key.slice(0, API_KEY_PREFIX.length + projectId.length + 1 + 4);
}
