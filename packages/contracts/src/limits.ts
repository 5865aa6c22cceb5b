// Size limits for everything that crosses a boundary: the server returns 413 past the batch and
// body limits and a per-item error past the others.

/** LIMITS bounds ingest payloads and identifiers; the server and the SDK read the same numbers. */
export const LIMITS = {
  /** Events in one ingest batch. */
  maxBatchEvents: 5000,
  /** Uncompressed ingest body, bytes. */
  maxBodyBytes: 16 * 1024 * 1024,
  /** Features on one prediction event. */
  maxFeatures: 500,
  /** Classes in one probabilities map. */
  maxClasses: 1000,
  /** Segment tags on one event. */
  maxTags: 32,
  /** Characters in a string feature, prediction, label, error message or tag value. */
  maxStringLength: 4096,
  /** Characters in an identifier: event id, model, feature, outcome or tag name. */
  maxNameLength: 128,
} as const;

/** NAME_PATTERN is the shape of model, project and monitor names: letters, digits, `.`, `_`, `-`. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
