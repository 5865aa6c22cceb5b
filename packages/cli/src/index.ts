// @vigil/cli public API: the entry point and the report contract.
export type { CliIo } from './cli-io.js';
export { processIo } from './cli-io.js';
export { main, VERSION } from './main.js';
export type {
  ColumnDrift,
  ColumnQuality,
  ColumnType,
  DataQuality,
  Distribution,
  DriftReport,
  Performance,
  QualityFinding,
  Severity,
} from './report/types.js';
