// The model registry: immutable numbered versions of the project's models, and named aliases
// (`production`, `canary`, `champion`, ...) that point at versions. Every alias move is appended to
// an alias history and to the audit log in the same transaction.

/** ALIAS_PATTERN is the shape of an alias name: a lower-case letter, then letters, digits, `_`, `-`. */
export const ALIAS_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;

/** RESERVED_ALIASES cannot be set: `latest` always means the highest version. */
export const RESERVED_ALIASES: readonly string[] = ['latest'];

/** MAX_REGISTRY_METRICS caps the metrics and the tags of one version (each). */
export const MAX_REGISTRY_METRICS = 64;

/** NewModelVersion is what a caller gives to create a version; the number is assigned. */
export interface NewModelVersion {
  /** Where the artifact lives, e.g. `s3://bucket/churn/7/model.pkl`. */
  readonly artifactUri: string;
  /** The baseline (training-data profile) this version was trained on; null or absent if none. */
  readonly baselineId?: string | null;
  /** Offline metrics by name, finite numbers (e.g. `{ auc: 0.91 }`). */
  readonly metrics?: Readonly<Record<string, number>>;
  readonly tags?: Readonly<Record<string, string>>;
  readonly description?: string;
  /** Who created it: `key:<id>`, `system:<component>` or a person's name. */
  readonly createdBy: string;
}

/** ModelVersion is one immutable version of a model, numbered 1, 2, 3, ... per model. */
export interface ModelVersion {
  readonly model: string;
  readonly version: number;
  readonly artifactUri: string;
  readonly baselineId: string | null;
  readonly metrics: Readonly<Record<string, number>>;
  readonly tags: Readonly<Record<string, string>>;
  readonly description: string;
  readonly createdBy: string;
  readonly createdMs: number;
}

/** ModelAlias is an alias's current target. */
export interface ModelAlias {
  readonly model: string;
  readonly alias: string;
  readonly version: number;
  /** Who moved it last and when. */
  readonly updatedBy: string;
  readonly updatedMs: number;
}

/** AliasMove is one entry of the append-only alias history. */
export interface AliasMove {
  readonly model: string;
  readonly alias: string;
  /** Per-model sequence number, 1, 2, 3, ...: the order the moves committed in. */
  readonly seq: number;
  /** The version the alias pointed at before; null when it was created by this move. */
  readonly fromVersion: number | null;
  /** The version it points at after; null when this move deleted it. */
  readonly toVersion: number | null;
  readonly actor: string;
  readonly timeMs: number;
  readonly reason: string;
}

/** AliasChange says who moves an alias and why. */
export interface AliasChange {
  readonly actor: string;
  readonly reason: string;
  /**
   * When given, the move happens only if the alias currently points at this version (null: the
   * alias must not exist); otherwise CONFLICT and nothing changes. Lets a caller check a move
   * (the promotion guard) and then apply it without a race.
   */
  readonly expectedFrom?: number | null;
  /** Extra facts for the audit entry (e.g. the checks a forced move overrode); small JSON. */
  readonly auditDetails?: Readonly<Record<string, unknown>>;
}

/** AliasMoveResult is the outcome of setAlias: the version before (null if new) and after. */
export interface AliasMoveResult {
  readonly from: number | null;
  readonly to: number;
}

/** AliasHistoryQuery selects one model's alias moves (optionally of one alias), oldest first. */
export interface AliasHistoryQuery {
  readonly alias?: string;
  readonly limit?: number;
}

/** ResolvedRef is what a reference (`name`, `name@3`, `name@alias`) points at. */
export interface ResolvedRef {
  readonly ref: string;
  readonly model: string;
  /** The alias that was followed; null for `name`, `name@latest` and `name@3`. */
  readonly alias: string | null;
  readonly version: ModelVersion;
}

/** ParsedRef is a reference split into its parts. */
export type ParsedRef =
  | { readonly model: string; readonly kind: 'latest' }
  | { readonly model: string; readonly kind: 'version'; readonly version: number }
  | { readonly model: string; readonly kind: 'alias'; readonly alias: string };

/**
 * RegistryStore keeps model versions and aliases. Models are the store's models (`upsertModel`):
 * writes and lists naming an unknown model throw NOT_FOUND, single reads (getVersion, getAlias,
 * resolve) return null; malformed names, versions and references throw INVALID_ARGUMENT.
 */
export interface RegistryStore {
  /** createVersion assigns the next number of the model (1 for the first) and stores it. */
  createVersion(projectId: string, model: string, input: NewModelVersion): Promise<ModelVersion>;
  getVersion(projectId: string, model: string, version: number): Promise<ModelVersion | null>;
  /** listVersions returns the model's versions, newest first (default limit 1000). */
  listVersions(
    projectId: string,
    model: string,
    options?: { limit?: number },
  ): Promise<ModelVersion[]>;
  /**
   * setAlias points `alias` at `version` (NOT_FOUND if the version does not exist; CONFLICT if
   * `expectedFrom` does not match); records the move in the alias history and the audit log.
   * Setting an alias to the version it already has is still recorded.
   */
  setAlias(
    projectId: string,
    model: string,
    alias: string,
    version: number,
    change: AliasChange,
  ): Promise<AliasMoveResult>;
  /** deleteAlias removes an alias and records it; returns the version it pointed at, or null if absent. */
  deleteAlias(
    projectId: string,
    model: string,
    alias: string,
    change: AliasChange,
  ): Promise<{ from: number } | null>;
  getAlias(projectId: string, model: string, alias: string): Promise<ModelAlias | null>;
  /** listAliases returns the model's aliases by name. */
  listAliases(projectId: string, model: string): Promise<ModelAlias[]>;
  /** aliasHistory returns the model's alias moves in commit order (oldest first). */
  aliasHistory(projectId: string, model: string, query?: AliasHistoryQuery): Promise<AliasMove[]>;
  /**
   * resolve follows a reference: `name` and `name@latest` give the highest version, `name@3`
   * version 3, `name@alias` the alias's version. Null when the model, version or alias does not
   * exist; INVALID_ARGUMENT when the reference is malformed.
   */
  resolve(projectId: string, ref: string): Promise<ResolvedRef | null>;
}
