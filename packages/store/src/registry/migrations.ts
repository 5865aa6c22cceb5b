// The registry tables.
import type { Migration } from '../sql/migrations.js';

/** REGISTRY_MIGRATIONS are the registry schema steps (ids 10-19). */
export const REGISTRY_MIGRATIONS: readonly Migration[] = [];
