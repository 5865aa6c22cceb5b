// Per-variant statistics of a prompt canary from its generations: the SQL that aggregates the
// calls the gateway recorded with each variant (joined to review verdicts, reference checks and
// feedback), and the pure mapping of one aggregate row onto the engine's VariantStats shape.
import type { CanaryVariantStats } from './port.js';

/**
 * PromptCallAggregate is one variant's aggregate row (numbers may arrive as text from PostgreSQL):
 * calls, failed calls, latency (end − start) count / sum / sum of squares, known costs count / sum
 * / sum of squares, reviewed calls and those judged correct, calls with a wrong price quoted, calls
 * with negative feedback.
 */
export interface PromptCallAggregate {
  readonly calls: unknown;
  readonly errors: unknown;
  readonly lat_n: unknown;
  readonly lat_sum: unknown;
  readonly lat_sq: unknown;
  readonly cost_n: unknown;
  readonly cost_sum: unknown;
  readonly cost_sq: unknown;
  readonly reviewed: unknown;
  readonly correct: unknown;
  readonly wrong_price: unknown;
  readonly negative: unknown;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const flags = (k: number) => ({ count: k, sum: k, sumSquares: k });

/**
 * promptVariantStats maps one variant's aggregate onto CanaryVariantStats: predictions = calls,
 * errors = failed calls, latencyMs from the calls' durations, labelled / correct = reviewed calls
 * and those with the verdict `correct` (the accuracy guard), and three outcomes per call:
 * `cost_usd` (an unknown cost counts as 0), `wrong_price_rate` and `negative_feedback_rate`
 * (0 or 1 per call, so their mean over the calls is the rate). No row: a variant with no calls.
 * Example: 40 calls, 2 with a wrong price → outcomes.wrong_price_rate = { count 2, sum 2, sumSquares 2 },
 * a mean of 0.05 per call.
 */
export function promptVariantStats(
  variant: string,
  row: PromptCallAggregate | undefined,
): CanaryVariantStats {
  if (row === undefined) {
    return {
      variant,
      predictions: 0,
      errors: 0,
      latencyMs: { count: 0, sum: 0, sumSquares: 0 },
      labelled: 0,
      correct: 0,
      outcomes: {
        cost_usd: { count: 0, sum: 0, sumSquares: 0 },
        wrong_price_rate: flags(0),
        negative_feedback_rate: flags(0),
      },
    };
  }
  return {
    variant,
    predictions: num(row.calls),
    errors: num(row.errors),
    latencyMs: { count: num(row.lat_n), sum: num(row.lat_sum), sumSquares: num(row.lat_sq) },
    labelled: num(row.reviewed),
    correct: num(row.correct),
    outcomes: {
      cost_usd: { count: num(row.cost_n), sum: num(row.cost_sum), sumSquares: num(row.cost_sq) },
      wrong_price_rate: flags(num(row.wrong_price)),
      negative_feedback_rate: flags(num(row.negative)),
    },
  };
}

/**
 * PROMPT_STATS_SQL aggregates a prompt canary's LLM calls by variant. Parameters: project, prompt
 * name, from, to (start time), then (variant, prompt version) of the baseline and the candidate:
 * a call counts for a variant only when recorded with that variant AND that prompt version.
 */
export const PROMPT_STATS_SQL = `SELECT s.variant AS variant, COUNT(*) AS calls,
    SUM(CASE WHEN s.status = 'error' THEN 1 ELSE 0 END) AS errors,
    COUNT(*) AS lat_n, SUM(s.end_ms - s.start_ms) AS lat_sum,
    SUM((s.end_ms - s.start_ms) * (s.end_ms - s.start_ms)) AS lat_sq,
    COUNT(s.cost_usd) AS cost_n, SUM(s.cost_usd) AS cost_sum, SUM(s.cost_usd * s.cost_usd) AS cost_sq,
    COUNT(r.verdict) AS reviewed,
    SUM(CASE WHEN r.verdict = 'correct' THEN 1 ELSE 0 END) AS correct,
    SUM(CASE WHEN EXISTS (SELECT 1 FROM llm_reference_checks k
          WHERE k.project_id = s.project_id AND k.trace_id = s.trace_id AND k.span_id = s.span_id
            AND k.wrong > 0) THEN 1 ELSE 0 END) AS wrong_price,
    SUM(CASE WHEN EXISTS (SELECT 1 FROM llm_feedback f
          WHERE f.project_id = s.project_id AND f.trace_id = s.trace_id
            AND (f.span_id IS NULL OR f.span_id = s.span_id)
            AND f.kind IN ('thumbs_down', 'reported_error')) THEN 1 ELSE 0 END) AS negative
  FROM llm_spans s
  LEFT JOIN llm_reviews r
    ON r.project_id = s.project_id AND r.trace_id = s.trace_id AND r.span_id = s.span_id
  WHERE s.project_id = ? AND s.prompt_name = ? AND s.operation IS NOT NULL
    AND s.start_ms >= ? AND s.start_ms < ?
    AND ((s.variant = ? AND s.prompt_version = ?) OR (s.variant = ? AND s.prompt_version = ?))
  GROUP BY s.variant`;
