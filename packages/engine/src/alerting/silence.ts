// Silences: matchers with author, comment and expiry that mute notifications, not state.
import type { Silence, SilenceMatcher } from './types.js';

function matcherMatches(m: SilenceMatcher, labels: Readonly<Record<string, string>>): boolean {
  // Alertmanager semantics: a missing label has the value ''.
  const value = labels[m.name] ?? '';
  let hit: boolean;
  if (m.isRegex) {
    try {
      hit = new RegExp(`^(?:${m.value})$`).test(value);
    } catch {
      // A silence with an invalid pattern mutes nothing rather than everything.
      return false;
    }
  } else {
    hit = value === m.value;
  }
  return (m.isEqual ?? true) ? hit : !hit;
}

/**
 * silenceActive tells whether a silence is in force at `now`: startsAt <= now < endsAt.
 * Example: { startsAt: 0, endsAt: 10 } is active at 0 and 9, not at 10.
 */
export function silenceActive(s: Silence, now: number): boolean {
  return s.startsAt <= now && now < s.endsAt;
}

/**
 * silenceMatches tells whether every matcher of the silence matches the labels (Alertmanager v2
 * rules: regex anchored at both ends, a missing label reads as ''). A silence without matchers
 * matches nothing, so an empty silence can never mute every alert.
 * Example: matchers [{ name: 'model', value: 'fraud.*', isRegex: true }] match { model: 'fraud-v2' }.
 */
export function silenceMatches(s: Silence, labels: Readonly<Record<string, string>>): boolean {
  if (s.matchers.length === 0) return false;
  for (const m of s.matchers) if (!matcherMatches(m, labels)) return false;
  return true;
}

/**
 * activeSilences returns the ids of the silences in force at `now` that match the labels, in the
 * order given. Example: an expired matching silence is not returned.
 */
export function activeSilences(
  silences: readonly Silence[],
  labels: Readonly<Record<string, string>>,
  now: number,
): string[] {
  const ids: string[] = [];
  for (const s of silences) if (silenceActive(s, now) && silenceMatches(s, labels)) ids.push(s.id);
  return ids;
}
