// The llm tables.
import type { Migration } from '../sql/migrations.js';

/** LLM_MIGRATIONS are the llm schema steps (ids 40-59). */
export const LLM_MIGRATIONS: readonly Migration[] = [];
