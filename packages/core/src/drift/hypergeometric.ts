import type { Rng } from '../random/index.js';
import { logChoose } from '../special/index.js';

/**
 * sampleHypergeometric draws the number of successes among `draws` items taken without replacement
 * from `population` items of which `successes` are successes. Inversion by chop-down search from
 * the mode (Kachitvichyanukul & Schmeiser's HIN idea): the pmf is walked outward from the mode with
 * the ratio recurrence, taking the likelier side first, so the expected cost is O(standard
 * deviation) and never overflows. Example: population 10, successes 10, draws 3 → always 3.
 */
export function sampleHypergeometric(
  rng: Rng,
  population: number,
  successes: number,
  draws: number,
): number {
  if (draws === 0 || successes === 0) return 0;
  if (successes === population) return draws;
  if (draws === population) return successes;
  const failures = population - successes;
  const lo = Math.max(0, draws - failures);
  const hi = Math.min(draws, successes);
  if (lo === hi) return lo;
  const mode = Math.floor(((draws + 1) * (successes + 1)) / (population + 2));
  const pMode = Math.exp(
    logChoose(successes, mode) + logChoose(failures, draws - mode) - logChoose(population, draws),
  );
  let u = rng.next() - pMode;
  if (u < 0) return mode;
  let down = mode;
  let up = mode;
  let pDown = pMode;
  let pUp = pMode;
  // Next candidates on each side, with their probabilities from the ratio recurrence.
  let nextDown =
    down > lo
      ? (pDown * down * (failures - draws + down)) / ((successes - down + 1) * (draws - down + 1))
      : 0;
  let nextUp =
    up < hi
      ? (pUp * (successes - up) * (draws - up)) / ((up + 1) * (failures - draws + up + 1))
      : 0;
  while (nextDown > 0 || nextUp > 0) {
    if (nextUp >= nextDown) {
      up++;
      pUp = nextUp;
      u -= pUp;
      if (u < 0) return up;
      nextUp =
        up < hi
          ? (pUp * (successes - up) * (draws - up)) / ((up + 1) * (failures - draws + up + 1))
          : 0;
    } else {
      down--;
      pDown = nextDown;
      u -= pDown;
      if (u < 0) return down;
      nextDown =
        down > lo
          ? (pDown * down * (failures - draws + down)) /
            ((successes - down + 1) * (draws - down + 1))
          : 0;
    }
  }
  // Only rounding of the pmf can leave mass unassigned; the mode is the likeliest answer.
  return mode;
}
