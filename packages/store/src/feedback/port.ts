// LLM feedback: what users say about answers (thumbs, corrections, reported errors), what human
// reviewers decide about a 1-5 % sample of them, and reference checks of answers against
// knowledge tables (a price quoted must match the price list). Verdicts and failed checks give
// the hallucination-rate series.
import type { TimeRange } from '../errors.js';

/** FeedbackKind is what a user said about an answer. */
export type FeedbackKind = 'thumbs_up' | 'thumbs_down' | 'rating' | 'correction' | 'reported_error';

/** NewFeedback is one piece of feedback on a generation (by trace, and span when known). */
export interface NewFeedback {
  /** Caller's id: a retry with the same id is accepted once. */
  readonly id: string;
  readonly timeMs: number;
  readonly traceId: string;
  readonly spanId: string | null;
  readonly kind: FeedbackKind;
  /** A rating's score (e.g. 1-5); null for the other kinds. */
  readonly value: number | null;
  readonly comment: string | null;
  /** The right answer, for a correction. */
  readonly correction: string | null;
  readonly user: string | null;
}

/** Feedback is stored feedback with its receive time. */
export interface Feedback extends NewFeedback {
  readonly receivedMs: number;
}

/** ReviewVerdict is a reviewer's decision on a sampled answer. */
export type ReviewVerdict = 'correct' | 'hallucination' | 'unsafe' | 'irrelevant' | 'other';

/** NewReviewItem is a generation sampled into the review queue. */
export interface NewReviewItem {
  readonly traceId: string;
  readonly spanId: string;
  /** When the generation started (series are bucketed by it). */
  readonly timeMs: number;
  readonly model: string | null;
  /** `name@version` of the prompt, when known. */
  readonly prompt: string | null;
  /** The answer as text. */
  readonly output: string;
}

/** ReviewItem is a queued generation and, once reviewed, its verdict. */
export interface ReviewItem extends NewReviewItem {
  readonly sampledMs: number;
  readonly verdict: ReviewVerdict | null;
  readonly reviewer: string | null;
  readonly notes: string | null;
  readonly reviewedMs: number | null;
}

/** KnowledgeRow is one fact of a knowledge table: an item, its other names, its price. */
export interface KnowledgeRow {
  readonly item: string;
  readonly aliases?: readonly string[];
  readonly price: number;
}

/** KnowledgeTable is one immutable version of a named knowledge table. */
export interface KnowledgeTable {
  readonly name: string;
  readonly version: number;
  readonly rows: readonly KnowledgeRow[];
  readonly createdMs: number;
}

/** ReferenceCheck is the result of checking one answer against one knowledge table. */
export interface ReferenceCheck {
  readonly traceId: string;
  readonly spanId: string;
  readonly knowledge: string;
  readonly knowledgeVersion: number;
  readonly timeMs: number;
  /** Prices the answer quoted for items of the table. */
  readonly claims: number;
  /** Claims that do not match the table. */
  readonly wrong: number;
  readonly details: readonly { item: string; quoted: number; expected: number }[];
}

/** RateBucket is one point of a rate series: how many were judged and how many failed. */
export interface RateBucket {
  readonly startMs: number;
  readonly total: number;
  readonly failed: number;
  /** failed / total; null when total is 0. */
  readonly rate: number | null;
}

/** LlmQualitySettings say what the LLM quality worker does for a project. */
export interface LlmQualitySettings {
  /** Share of LLM answers sampled into the review queue, 0 (off) or 0.01-0.05. */
  readonly reviewRate: number;
  /** Knowledge tables to check answers against, optionally only one model's or service's. */
  readonly referenceChecks: readonly { knowledge: string; model?: string; service?: string }[];
}

/** StoredQualitySettings are a project's settings and how far the worker has scanned. */
export interface StoredQualitySettings {
  readonly projectId: string;
  readonly settings: LlmQualitySettings;
  /** Generations that started before this instant have been sampled and checked. */
  readonly cursorMs: number;
  readonly updatedMs: number;
}

/** FeedbackStore persists feedback, the review queue, knowledge tables and reference checks. */
export interface FeedbackStore {
  /** addFeedback stores new feedback; ids already stored come back in `duplicates`. */
  addFeedback(
    projectId: string,
    items: readonly NewFeedback[],
  ): Promise<{ inserted: number; duplicates: string[] }>;
  queryFeedback(
    projectId: string,
    query: { range: TimeRange; traceId?: string; kind?: FeedbackKind; limit?: number },
  ): Promise<Feedback[]>;
  /** feedbackCounts counts feedback by kind in a window. */
  feedbackCounts(projectId: string, range: TimeRange): Promise<Record<FeedbackKind, number>>;

  /** enqueueReviews adds sampled generations (already queued ones are skipped); returns the count added. */
  enqueueReviews(projectId: string, items: readonly NewReviewItem[]): Promise<number>;
  listReviews(
    projectId: string,
    query: { range: TimeRange; state?: 'pending' | 'reviewed'; limit?: number },
  ): Promise<ReviewItem[]>;
  /** recordVerdict sets (or changes) a verdict, audited; NOT_FOUND when the item is not queued. */
  recordVerdict(
    projectId: string,
    traceId: string,
    spanId: string,
    verdict: { verdict: ReviewVerdict; reviewer: string; notes: string | null },
    actor: string,
  ): Promise<ReviewItem>;
  /** hallucinationSeries buckets reviewed items by generation time: failed = hallucination verdicts. */
  hallucinationSeries(projectId: string, range: TimeRange, bucketMs: number): Promise<RateBucket[]>;

  /** putKnowledgeTable stores the next version of a table (audited) and returns it. */
  putKnowledgeTable(
    projectId: string,
    name: string,
    rows: readonly KnowledgeRow[],
    actor: string,
  ): Promise<KnowledgeTable>;
  /** getKnowledgeTable returns one version, or the latest when version is omitted; null if none. */
  getKnowledgeTable(
    projectId: string,
    name: string,
    version?: number,
  ): Promise<KnowledgeTable | null>;
  listKnowledgeTables(projectId: string): Promise<KnowledgeTable[]>;
  /** recordReferenceChecks stores check results (a re-check of the same answer and table replaces it). */
  recordReferenceChecks(projectId: string, checks: readonly ReferenceCheck[]): Promise<void>;
  queryReferenceChecks(
    projectId: string,
    query: { range: TimeRange; knowledge?: string; wrongOnly?: boolean; limit?: number },
  ): Promise<ReferenceCheck[]>;
  /** referenceSeries buckets checked answers with claims by time: failed = answers with a wrong claim. */
  referenceSeries(
    projectId: string,
    range: TimeRange,
    bucketMs: number,
    knowledge?: string,
  ): Promise<RateBucket[]>;

  /** putSettings sets a project's LLM quality settings (audited); the scan cursor starts at `startMs`. */
  putSettings(
    projectId: string,
    settings: LlmQualitySettings,
    actor: string,
    startMs: number,
  ): Promise<StoredQualitySettings>;
  getSettings(projectId: string): Promise<StoredQualitySettings | null>;
  /** listSettings returns every project's settings (the worker's work list). */
  listSettings(): Promise<StoredQualitySettings[]>;
  /** advanceCursor moves the scan cursor forward (never back); false when it did not move. */
  advanceCursor(projectId: string, fromMs: number, toMs: number): Promise<boolean>;
}
