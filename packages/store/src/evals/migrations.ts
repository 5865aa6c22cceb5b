// The evals tables.
import type { Migration } from '../sql/migrations.js';

/** EVAL_MIGRATIONS are the evals schema steps (ids 60-79). */
export const EVAL_MIGRATIONS: readonly Migration[] = [];
