// The LLM quality worker: scans each configured project's new LLM answers in time order, samples
// a stable 1-5 % of them into the human review queue, and checks the prices they quote against
// the project's knowledge tables. A cursor per project records how far it got, so a restart goes
// on where it stopped and every answer is sampled and checked exactly once.
import { checkPrices, selectedForReview } from '@vigil/engine';
import type {
  Generation,
  KnowledgeTable,
  NewReviewItem,
  ReferenceCheck,
  Store,
  StoredQualitySettings,
} from '@vigil/store';
import { MAX_QUERY_LIMIT } from '@vigil/store';
import { type Logger, NOOP_LOGGER } from '../logger.js';
import { createPollLoop } from '../runtime/poll-loop.js';
import { outputText } from './output-text.js';

/** LlmQualityWorkerOptions are the worker's store, clock and pacing. */
export interface LlmQualityWorkerOptions {
  readonly store: Store;
  readonly logger?: Logger;
  /** Clock in epoch ms; default Date.now. */
  readonly now?: () => number;
  /** How often the loop runs, ms; default 30 s. */
  readonly pollMs?: number;
  /** Answers younger than this are left for the next run (late spans of a trace), ms; default 10 s. */
  readonly lagMs?: number;
  /** Largest time slice read at once, ms; default 1 h (halved while a slice holds too many answers). */
  readonly sliceMs?: number;
}

/** LlmQualityTickReport says what one run did, per project. */
export interface LlmQualityTickReport {
  readonly projects: readonly {
    projectId: string;
    scanned: number;
    queued: number;
    checked: number;
    wrong: number;
    cursorMs: number;
  }[];
}

/** LlmQualityWorker runs the scan on tick(); start() runs it every pollMs. */
export interface LlmQualityWorker {
  tick(): Promise<LlmQualityTickReport>;
  start(): void;
  stop(): Promise<void>;
}

function appliesTo(check: { model?: string; service?: string }, g: Generation): boolean {
  if (check.service !== undefined && g.service !== check.service) return false;
  if (
    check.model !== undefined &&
    g.modelRequested !== check.model &&
    g.modelServed !== check.model
  ) {
    return false;
  }
  return true;
}

/** createLlmQualityWorker builds the worker; nothing runs until tick() or start(). */
export function createLlmQualityWorker(options: LlmQualityWorkerOptions): LlmQualityWorker {
  const { store } = options;
  const logger = options.logger ?? NOOP_LOGGER;
  const now = options.now ?? Date.now;
  const lagMs = options.lagMs ?? 10_000;
  const sliceMs = options.sliceMs ?? 3_600_000;
  let inFlight: Promise<unknown> = Promise.resolve();

  async function readSlice(projectId: string, fromMs: number, toMs: number) {
    let end = toMs;
    for (;;) {
      const rows = await store.llm.queryGenerations(projectId, {
        range: { fromMs, toMs: end },
        llmOnly: true,
        limit: MAX_QUERY_LIMIT,
      });
      // A full page may have cut answers off: read a shorter slice (down to 1 ms).
      if (rows.length < MAX_QUERY_LIMIT || end - fromMs <= 1) return { rows, end };
      end = fromMs + Math.max(1, Math.floor((end - fromMs) / 2));
    }
  }

  async function scanProject(s: StoredQualitySettings) {
    const until = now() - lagMs;
    let cursor = s.cursorMs;
    let scanned = 0;
    let queued = 0;
    let checked = 0;
    let wrong = 0;
    const tables = new Map<string, KnowledgeTable | null>();
    for (const c of s.settings.referenceChecks) {
      if (!tables.has(c.knowledge)) {
        tables.set(c.knowledge, await store.feedback.getKnowledgeTable(s.projectId, c.knowledge));
      }
    }
    while (cursor < until) {
      const { rows, end } = await readSlice(s.projectId, cursor, Math.min(until, cursor + sliceMs));
      const reviews: NewReviewItem[] = [];
      const checks: ReferenceCheck[] = [];
      for (const g of rows) {
        if (g.status !== 'ok') continue;
        const text = outputText(g.output);
        if (text === '') continue;
        scanned++;
        if (selectedForReview(`${g.traceId}/${g.spanId}`, s.settings.reviewRate)) {
          reviews.push({
            traceId: g.traceId,
            spanId: g.spanId,
            timeMs: g.startMs,
            model: g.modelServed ?? g.modelRequested,
            prompt:
              g.promptName === null
                ? null
                : `${g.promptName}${g.promptVersion === null ? '' : `@${g.promptVersion}`}`,
            output: text,
          });
        }
        for (const c of s.settings.referenceChecks) {
          const table = tables.get(c.knowledge);
          if (table === null || table === undefined || !appliesTo(c, g)) continue;
          const claims = checkPrices(text, table.rows);
          const bad = claims.filter((x) => !x.correct);
          checks.push({
            traceId: g.traceId,
            spanId: g.spanId,
            knowledge: table.name,
            knowledgeVersion: table.version,
            timeMs: g.startMs,
            claims: claims.length,
            wrong: bad.length,
            details: bad.map(({ item, quoted, expected }) => ({ item, quoted, expected })),
          });
          if (claims.length > 0) checked++;
          if (bad.length > 0) wrong++;
        }
      }
      queued += await store.feedback.enqueueReviews(s.projectId, reviews);
      await store.feedback.recordReferenceChecks(s.projectId, checks);
      // Another worker moved the cursor first: it owns the rest of this project's scan.
      if (!(await store.feedback.advanceCursor(s.projectId, cursor, end))) break;
      cursor = end;
    }
    return { projectId: s.projectId, scanned, queued, checked, wrong, cursorMs: cursor };
  }

  async function tick(): Promise<LlmQualityTickReport> {
    const projects = [];
    for (const s of await store.feedback.listSettings()) {
      try {
        projects.push(await scanProject(s));
      } catch (e) {
        logger.error('llm quality scan failed', {
          project: s.projectId,
          error: (e as Error).message,
        });
      }
    }
    return { projects };
  }

  const loop = createPollLoop({
    name: 'llm quality worker',
    pollMs: options.pollMs ?? 30_000,
    logger,
    run: () => {
      inFlight = tick();
      return inFlight;
    },
  });
  return {
    tick,
    start: () => loop.start(),
    async stop() {
      loop.stop();
      await inFlight.catch(() => undefined);
    },
  };
}
