// The canaries tables.
import type { Migration } from '../sql/migrations.js';

/** CANARY_MIGRATIONS are the canaries schema steps (ids 90-99). */
export const CANARY_MIGRATIONS: readonly Migration[] = [];
