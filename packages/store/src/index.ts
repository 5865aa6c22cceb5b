// @vigil/store: the storage port and its SQLite and PostgreSQL adapters.

export type {
  AuditEntry,
  AuditQuery,
  AuditStore,
  AuditTargetKind,
  NewAuditEntry,
} from './audit/port.js';
export { SqlAuditStore, writeAudit } from './audit/sql.js';
export type { BaselineFromWindow, BaselineFromWindowOptions } from './baseline-from-window.js';
export { createBaselineFromWindow } from './baseline-from-window.js';
export type { StoreErrorCode, TimeRange } from './errors.js';
export { MAX_QUERY_LIMIT, StoreError } from './errors.js';
export { displayApiKey, generateApiKey, hashApiKey } from './keys.js';
export type { OpenStoreOptions } from './open-store.js';
export {
  DEFAULT_SQLITE_PATH,
  openPostgresStore,
  openSqliteStore,
  openStore,
} from './open-store.js';
export type {
  AlertRecord,
  AlertState,
  AppendResult,
  BaselineColumn,
  ClaimOptions,
  ColumnRole,
  DeliveryOutcome,
  DeliveryQuery,
  DeliveryRecord,
  EvaluationPoint,
  EvaluationStatus,
  EventQuery,
  Job,
  KeyIdentity,
  NewApiKey,
  NewJob,
  Store,
  StoredBaseline,
  StoredEvent,
  StoredModel,
  StoredMonitor,
  WindowKind,
  WindowProfile,
  WindowProfileQuery,
} from './port.js';
export type { Dialect } from './sql/driver.js';
export type { Migration } from './sql/migrations.js';
export { MIGRATIONS, renderMigration } from './sql/migrations.js';
export type { PostgresOptions } from './sql/postgres-driver.js';
export type { SqliteOptions } from './sql/sqlite-driver.js';
export type { SqlStoreOptions } from './sql-store.js';
export { SqlStore } from './sql-store.js';
export { LATENCY_COLUMN, PREDICTION_COLUMN, WINDOW_MS, windowStart } from './window-profiles.js';
