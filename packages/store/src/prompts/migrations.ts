// The prompts tables.
import type { Migration } from '../sql/migrations.js';

/** PROMPT_MIGRATIONS are the prompts schema steps (ids 80-89). */
export const PROMPT_MIGRATIONS: readonly Migration[] = [];
