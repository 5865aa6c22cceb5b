// Above/below conditions shared by monitors (breach) and alerts (resolveWhen).
import type { Condition } from '@vigil/contracts';

/**
 * conditionHolds tells whether `value` satisfies an above/below condition: value > above, or
 * value < below (strict, so a value equal to the bound does not hold; either side may be absent).
 * Non-finite values never hold. Example: conditionHolds({ above: 0.2 }, 0.25) → true;
 * conditionHolds({ above: 0.2 }, 0.2) → false.
 */
export function conditionHolds(condition: Condition, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (condition.above !== undefined && value > condition.above) return true;
  if (condition.below !== undefined && value < condition.below) return true;
  return false;
}
