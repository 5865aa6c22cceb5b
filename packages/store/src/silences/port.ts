// The notification configuration of a project: its channels (`kind: Channel` documents) and its
// silences. Every change is written to the audit log in the same transaction, with its actor.
import type { ChannelDefinition, ChannelType, SilenceMatcherValue } from '@vigil/contracts';

/** StoredChannel is a channel definition with its bookkeeping; `definition` holds its secrets. */
export interface StoredChannel {
  readonly name: string;
  readonly type: ChannelType;
  readonly definition: ChannelDefinition;
  readonly createdMs: number;
  readonly updatedMs: number;
}

/** ChangeKind says what an upsert did: made a new row, changed one, or found it identical. */
export type ChangeKind = 'created' | 'configured' | 'unchanged';

/** ChannelPut is the result of putChannel. */
export interface ChannelPut {
  readonly channel: StoredChannel;
  readonly change: ChangeKind;
}

/** SilenceState is where a silence is in its life at a given instant. */
export type SilenceState = 'pending' | 'active' | 'expired';

/**
 * NewSilence is a silence to create; times are epoch ms, the span is [startsAtMs, endsAtMs).
 * startsAtMs defaults to the store's now; endsAtMs to start + durationMs (default 2 h).
 */
export interface NewSilence {
  readonly matchers: readonly SilenceMatcherValue[];
  readonly startsAtMs?: number;
  readonly endsAtMs?: number;
  readonly durationMs?: number;
  readonly createdBy: string;
  readonly comment: string;
}

/** StoredSilence is a created silence and its state at the time it was read. */
export interface StoredSilence {
  readonly id: string;
  readonly matchers: readonly SilenceMatcherValue[];
  readonly startsAtMs: number;
  readonly endsAtMs: number;
  readonly createdBy: string;
  readonly comment: string;
  readonly state: SilenceState;
  readonly createdMs: number;
  readonly updatedMs: number;
  /** When it was expired early (DELETE), null otherwise. */
  readonly expiredMs: number | null;
}

/** SilenceQuery filters silences by their state now; newest end first. */
export interface SilenceQuery {
  readonly state?: SilenceState;
  readonly limit?: number;
}

/** NotifyStore keeps a project's channels and silences. `actor` is recorded in the audit log. */
export interface NotifyStore {
  /** putChannel creates or replaces a channel by name; an identical definition is left alone. */
  putChannel(projectId: string, definition: ChannelDefinition, actor: string): Promise<ChannelPut>;
  getChannel(projectId: string, name: string): Promise<StoredChannel | null>;
  listChannels(projectId: string): Promise<StoredChannel[]>;
  /** deleteChannel removes a channel; false when there was none. */
  deleteChannel(projectId: string, name: string, actor: string): Promise<boolean>;

  /** createSilence stores a silence (INVALID_ARGUMENT unless startsAtMs < endsAtMs and now < endsAtMs). */
  createSilence(projectId: string, silence: NewSilence, actor: string): Promise<StoredSilence>;
  getSilence(projectId: string, id: string): Promise<StoredSilence | null>;
  listSilences(projectId: string, query?: SilenceQuery): Promise<StoredSilence[]>;
  /** activeSilences returns the silences in force at `atMs` (startsAt <= at < endsAt). */
  activeSilences(projectId: string, atMs: number): Promise<StoredSilence[]>;
  /**
   * expireSilence ends a silence now (a pending one never starts); null when there is none. An
   * already expired silence is returned unchanged, without an audit entry.
   */
  expireSilence(projectId: string, id: string, actor: string): Promise<StoredSilence | null>;
}
