// Model names: which ones are pinned versions and which are moving aliases, and how a project's
// pins rewrite an alias for one service.
import type { ModelPin } from '@vigil/store';

// A dated or numbered suffix fixes the weights behind a name: -2024-11-20, -20241022, -0613,
// -002, -v2, -v1.5, @2024-05-13, :2024-05-13, -preview-04-09 … (providers' own conventions).
const VERSION_SUFFIX =
  /(?:[-@:_](?:\d{4}-\d{2}-\d{2}|\d{8}|\d{4}|\d{3}|v\d+(?:\.\d+)*)|-\d{2}-\d{2})$/i;

/**
 * isVersionedModel says whether a model name carries a date or version suffix.
 * Examples: gpt-4o-2024-11-20 → true, claude-3-5-sonnet-20241022 → true, gpt-4-0613 → true,
 * gemini-1.5-pro-002 → true; gpt-4o, gpt-4o-mini, claude-3-5-sonnet-latest → false.
 */
export function isVersionedModel(model: string): boolean {
  return VERSION_SUFFIX.test(model);
}

/** PinResolution is the model to serve and whether the name sent was an unpinned alias. */
export interface PinResolution {
  /** The model sent upstream. */
  readonly model: string;
  /** The pin applied, if any. */
  readonly pin: ModelPin | null;
  /** True when the caller's name is an alias (no version suffix) and no pin fixed it. */
  readonly unpinnedAlias: boolean;
}

/**
 * resolvePin applies the service's pin for `model`, else the project-wide (`*`) one. Pins are
 * matched on the exact name sent; the result of a pin is never pinned again.
 */
export function resolvePin(
  pins: readonly ModelPin[],
  service: string,
  model: string,
): PinResolution {
  let wildcard: ModelPin | null = null;
  for (const p of pins) {
    if (p.model !== model) continue;
    if (p.service === service) return { model: p.pinned, pin: p, unpinnedAlias: false };
    if (p.service === '*') wildcard = p;
  }
  if (wildcard !== null) return { model: wildcard.pinned, pin: wildcard, unpinnedAlias: false };
  return { model, pin: null, unpinnedAlias: !isVersionedModel(model) };
}
