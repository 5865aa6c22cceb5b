// Prompt and model versions: prompts with immutable numbered versions and movable labels (with an
// append-only label history), model pins per service, the model deprecation calendar, and the
// per-model traffic counts the deprecation alerts and the unpinned-alias flag read.
import type { PromptContent } from '@vigil/contracts';
import type { TimeRange } from '../errors.js';

/** PromptVersion is one immutable version of a prompt. */
export interface PromptVersion {
  readonly name: string;
  /** 1, 2, 3, … per prompt. */
  readonly version: number;
  readonly content: PromptContent;
  /** sha256 (hex) of the canonical content: equal content, equal hash. */
  readonly contentHash: string;
  readonly createdMs: number;
  readonly createdBy: string;
  readonly commitMessage: string | null;
  /** Labels pointing at this version now. */
  readonly labels: readonly string[];
}

/** PromptSummary is one prompt in a listing: its newest version and where its labels point. */
export interface PromptSummary {
  readonly name: string;
  readonly latestVersion: number;
  readonly updatedMs: number;
  /** label -> version. */
  readonly labels: Readonly<Record<string, number>>;
}

/** LabelAction is how a label came to point where it does. */
export type LabelAction = 'create' | 'move' | 'revert';

/** LabelHistoryEntry is one move of a label, in order (append-only). */
export interface LabelHistoryEntry {
  readonly name: string;
  readonly label: string;
  readonly seq: number;
  readonly version: number;
  /** Where the label pointed before; null for its first assignment. */
  readonly previousVersion: number | null;
  readonly action: LabelAction;
  readonly timeMs: number;
  readonly actor: string;
}

/** CreateVersionResult says whether a version was made or the newest one already had this content. */
export interface CreateVersionResult {
  readonly version: PromptVersion;
  /** false: the content equals the newest version's, nothing was created (labels still moved). */
  readonly created: boolean;
}

/** ModelPin rewrites a model alias to a fixed version for one service (`*`: every service). */
export interface ModelPin {
  readonly service: string;
  /** The alias callers send, e.g. `gpt-4o`. */
  readonly model: string;
  /** The version served instead, e.g. `gpt-4o-2024-11-20`. */
  readonly pinned: string;
  readonly updatedMs: number;
  readonly actor: string;
}

/** ModelDeprecation is one entry of the deprecation calendar. */
export interface ModelDeprecation {
  readonly model: string;
  /** When the provider retires the model, epoch ms. */
  readonly retiresMs: number;
  readonly replacement: string | null;
  /** Notification channels for its alerts; none: the alert is recorded but not sent. */
  readonly channels: readonly string[];
  readonly note: string | null;
  readonly updatedMs: number;
}

/** ModelUsage counts one model's calls in a day, and how many used an unpinned alias. */
export interface ModelUsage {
  readonly model: string;
  readonly dayMs: number;
  readonly calls: number;
  readonly unpinnedCalls: number;
  readonly lastSeenMs: number;
}

/** ModelUsageIncrement is one batch's addition to a model's daily counts. */
export interface ModelUsageIncrement {
  readonly model: string;
  readonly timeMs: number;
  readonly calls: number;
  readonly unpinnedCalls: number;
}

/** PromptStore persists prompts, labels, pins, deprecations and model usage of each project. */
export interface PromptStore {
  /**
   * createVersion stores `content` as the next version of `name` (or, when it equals the newest
   * version's content, creates nothing), moves `latest` and each of `labels` to it, and audits the
   * change in the same transaction.
   */
  createVersion(
    projectId: string,
    input: {
      name: string;
      content: PromptContent;
      labels?: readonly string[];
      commitMessage?: string;
      actor: string;
    },
  ): Promise<CreateVersionResult>;
  getVersion(projectId: string, name: string, version: number): Promise<PromptVersion | null>;
  /** getByLabel returns the version the label points at, or null. */
  getByLabel(projectId: string, name: string, label: string): Promise<PromptVersion | null>;
  listPrompts(projectId: string): Promise<PromptSummary[]>;
  /** listVersions returns a prompt's versions, newest first. */
  listVersions(projectId: string, name: string, limit?: number): Promise<PromptVersion[]>;
  /** moveLabel points `label` at `version` (NOT_FOUND if the version does not exist). */
  moveLabel(
    projectId: string,
    input: { name: string; label: string; version: number; actor: string },
  ): Promise<LabelHistoryEntry>;
  /**
   * revertLabel moves `label` back to the version it pointed at before its current assignment,
   * walking back one step per call (CONFLICT when there is no earlier version).
   */
  revertLabel(
    projectId: string,
    input: { name: string; label: string; actor: string },
  ): Promise<LabelHistoryEntry>;
  /** labelHistory returns the label's moves, oldest first. */
  labelHistory(projectId: string, name: string, label: string): Promise<LabelHistoryEntry[]>;

  upsertPin(
    projectId: string,
    pin: { service: string; model: string; pinned: string; actor: string },
  ): Promise<ModelPin>;
  deletePin(
    projectId: string,
    pin: { service: string; model: string; actor: string },
  ): Promise<boolean>;
  listPins(projectId: string): Promise<ModelPin[]>;

  upsertDeprecation(
    projectId: string,
    entry: {
      model: string;
      retiresMs: number;
      replacement?: string | null;
      channels?: readonly string[];
      note?: string | null;
      actor: string;
    },
  ): Promise<ModelDeprecation>;
  deleteDeprecation(projectId: string, model: string, actor: string): Promise<boolean>;
  listDeprecations(projectId: string): Promise<ModelDeprecation[]>;
  /** listAllDeprecations returns every project's calendar (the deprecation watch's work list). */
  listAllDeprecations(): Promise<Array<{ projectId: string; deprecation: ModelDeprecation }>>;

  /** addModelUsage adds call counts per model and day (one transaction for the batch). */
  addModelUsage(projectId: string, increments: readonly ModelUsageIncrement[]): Promise<void>;
  /** queryModelUsage returns daily counts whose day starts in `range`. */
  queryModelUsage(
    projectId: string,
    query: { range: TimeRange; model?: string },
  ): Promise<ModelUsage[]>;
}
