// The silences tables.
import type { Migration } from '../sql/migrations.js';

/** SILENCE_MIGRATIONS are the silences schema steps (ids 6-9). */
export const SILENCE_MIGRATIONS: readonly Migration[] = [];
