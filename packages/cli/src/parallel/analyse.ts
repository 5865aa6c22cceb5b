// Column analysis split between the main thread and the helper thread. Numeric columns are dealt
// to whichever side has less work so far (string columns stay on the main thread: cloning them
// would cost more than it saves); results come back in plan order, so the report is identical to
// the one-thread report.

import type { BuildInput, ColumnResult } from '../report/build.js';
import { analyseColumn } from '../report/build.js';
import type { AnalyseItem } from './messages.js';
import type { HelperThread } from './pool.js';

// Strings cost more per value than numbers (hashing, code-point lengths): weigh them so.
const STRING_WEIGHT = 3;

/** numericValueCount counts the numeric values the analysis would read, to decide on a helper. */
export function numericValueCount(input: BuildInput): number {
  let n = 0;
  for (const plan of input.plans) {
    const r = input.reference.columns.get(plan.name);
    const c = input.current.columns.get(plan.name);
    if (r?.type === 'number' && c?.type === 'number') n += r.values.length + c.values.length;
  }
  return n;
}

/**
 * analyseInParallel returns the ColumnResult of every plan, in plan order, with part of the numeric
 * columns analysed on `helper`. Their buffers move to the helper and back; the tables are whole
 * again when this resolves.
 */
export async function analyseInParallel(
  input: BuildInput,
  helper: HelperThread,
): Promise<ColumnResult[]> {
  const { plans, reference, current } = input;
  const results: ColumnResult[] = new Array(plans.length);
  const mine: number[] = [];
  const theirs: AnalyseItem[] = [];
  let mainLoad = 0;
  let helperLoad = 0;
  plans.forEach((plan, index) => {
    const r = reference.columns.get(plan.name)!;
    const c = current.columns.get(plan.name)!;
    const cost = r.values.length + c.values.length;
    const movable =
      r.type === 'number' && c.type === 'number' && r.values.buffer !== c.values.buffer;
    if (movable && helperLoad < mainLoad + cost) {
      theirs.push({ index, plan, reference: r, current: c });
      helperLoad += cost;
    } else {
      mine.push(index);
      mainLoad += movable ? cost : cost * STRING_WEIGHT;
    }
  });
  let mainDone = 0;
  let helperDone = 0;
  const report = () =>
    input.onColumn?.(mainDone + Math.round(helperDone * theirs.length), plans.length);
  const remote = helper.analyse(
    theirs,
    { bins: input.bins, seed: input.seed, distributions: input.distributions },
    (fraction) => {
      helperDone = fraction;
      report();
    },
    (item) => {
      reference.columns.set(item.plan.name, item.reference);
      current.columns.set(item.plan.name, item.current);
    },
  );
  // If the helper fails while this thread works, its rejection is awaited below, not lost.
  remote.catch(() => {});
  for (const index of mine) {
    const plan = plans[index];
    results[index] = analyseColumn(
      plan,
      reference.columns.get(plan.name)!,
      current.columns.get(plan.name)!,
      input,
    );
    mainDone++;
    report();
    // Let the helper's progress messages in between columns.
    await new Promise((resolve) => setImmediate(resolve));
  }
  for (const { index, result } of await remote) results[index] = result;
  return results;
}
