// The canaries tables, and the `variant` column of events that canaries group by.
import type { Migration } from '../sql/migrations.js';

/** CANARY_MIGRATIONS are the canaries schema steps (ids 90-99). */
export const CANARY_MIGRATIONS: readonly Migration[] = [
  {
    id: 90,
    name: 'events-variant',
    // The experiment variant that served the event (contracts `variant`); NULL outside experiments.
    statements: ['ALTER TABLE events ADD COLUMN variant TEXT'],
  },
  {
    id: 91,
    name: 'canaries',
    statements: [
      // One row per canary, its current state; `revision` makes every state change a
      // compare-and-set, so two workers looking at once cannot both act.
      `CREATE TABLE canaries (
        project_id TEXT NOT NULL,
        name TEXT NOT NULL,
        model TEXT NOT NULL,
        baseline_variant TEXT NOT NULL,
        baseline_version {bigint} NOT NULL,
        baseline_weight {real} NOT NULL,
        candidate_variant TEXT NOT NULL,
        candidate_version {bigint} NOT NULL,
        candidate_weight {real} NOT NULL,
        start_candidate_weight {real} NOT NULL,
        policy TEXT NOT NULL,
        state TEXT NOT NULL,
        start_ms {bigint} NOT NULL,
        end_ms {bigint},
        created_by TEXT NOT NULL,
        created_ms {bigint} NOT NULL,
        updated_ms {bigint} NOT NULL,
        revision {bigint} NOT NULL,
        last_evaluated_ms {bigint},
        sequential TEXT NOT NULL,
        PRIMARY KEY (project_id, name)
      )`,
      'CREATE INDEX canaries_state ON canaries (state, project_id)',
      'CREATE INDEX canaries_model ON canaries (project_id, model, state)',
      // Every look at a canary, with its action, reasons and evidence (append-only).
      `CREATE TABLE canary_decisions (
        project_id TEXT NOT NULL,
        canary TEXT NOT NULL,
        seq {bigint} NOT NULL,
        time_ms {bigint} NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        state TEXT NOT NULL,
        reasons TEXT NOT NULL,
        evidence TEXT NOT NULL,
        PRIMARY KEY (project_id, canary, seq)
      )`,
    ],
  },
  {
    id: 92,
    name: 'canaries-prompt-kind',
    statements: [
      // `prompt`: the variants are versions of the prompt named in `model`, served through the
      // gateway for the label `prompt_label`; existing canaries are model canaries.
      "ALTER TABLE canaries ADD COLUMN kind TEXT NOT NULL DEFAULT 'model'",
      'ALTER TABLE canaries ADD COLUMN prompt_label TEXT',
      'CREATE INDEX canaries_kind ON canaries (project_id, kind, state)',
      // Per-variant statistics of a prompt canary read its generations by prompt and variant.
      'CREATE INDEX llm_spans_prompt_variant ON llm_spans (project_id, prompt_name, variant, start_ms)',
    ],
  },
];
