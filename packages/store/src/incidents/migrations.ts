// The incidents tables.
import type { Migration } from '../sql/migrations.js';

/** INCIDENT_MIGRATIONS are the incidents schema steps (ids 30-39). */
export const INCIDENT_MIGRATIONS: readonly Migration[] = [];
