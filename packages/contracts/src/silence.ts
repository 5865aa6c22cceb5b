// Silences (`apiVersion: vigil/v1`, `kind: Silence`, or the body of POST /v1/silences): label
// matchers with Alertmanager v2 semantics, an author, a comment and a time span, that mute the
// notifications of matching alerts. Matchers are written as objects or as `name=~"value"` text.
import { z } from 'zod';
import { LIMITS } from './limits.js';
import { MONITOR_API_VERSION } from './monitor.js';
import { durationSchema, parseDurationMs, timeSchema } from './time.js';

/** LABEL_NAME_PATTERN is the shape of a label name, as in Prometheus and Alertmanager. */
export const LABEL_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** DEFAULT_SILENCE holds the defaults: a silence without an end lasts this long from its start. */
export const DEFAULT_SILENCE = { duration: '2h', maxMatchers: 32 } as const;

const DEFAULT_DURATION_MS = parseDurationMs(DEFAULT_SILENCE.duration) ?? 7_200_000;

const MATCHER_TEXT = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/;

/**
 * parseMatcherText reads Alertmanager's text form `name op value` (op one of `=`, `!=`, `=~`,
 * `!~`; the value may be double-quoted) into a matcher, or null when the text is not one.
 * Example: parseMatcherText('model=~"fraud.*"') → { name: 'model', value: 'fraud.*', isRegex: true, isEqual: true }.
 */
export function parseMatcherText(text: string): SilenceMatcherValue | null {
  const m = MATCHER_TEXT.exec(text);
  if (m === null) return null;
  let value = m[3];
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      value = JSON.parse(value) as string;
    } catch {
      return null;
    }
  }
  return { name: m[1], value, isRegex: m[2].endsWith('~'), isEqual: !m[2].startsWith('!') };
}

const matcherObject = z.strictObject({
  name: z.string().regex(LABEL_NAME_PATTERN, 'a label name: letters, digits and _'),
  value: z.string().max(LIMITS.maxStringLength),
  isRegex: z.boolean().default(false),
  isEqual: z.boolean().default(true),
});

/** silenceMatcherSchema is one matcher: an object, or text such as `severity!="info"`. */
export const silenceMatcherSchema = z
  .union([matcherObject, z.string().max(LIMITS.maxStringLength)], {
    error: 'expected a matcher: { name, value, isRegex, isEqual } or text such as name="value"',
  })
  .transform((m, ctx): SilenceMatcherValue => {
    if (typeof m !== 'string') return m;
    const parsed = parseMatcherText(m);
    if (parsed === null) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid matcher "${m}": use name="value", name!="value", name=~"regex" or name!~"regex"`,
      });
      return z.NEVER;
    }
    return parsed;
  })
  .superRefine((m, ctx) => {
    if (!m.isRegex) return;
    try {
      new RegExp(`^(?:${m.value})$`);
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        message: `invalid regular expression "${m.value}": ${(e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')}`,
      });
    }
  });

function matchesEmpty(m: SilenceMatcherValue): boolean {
  let hit: boolean;
  try {
    hit = m.isRegex ? new RegExp(`^(?:${m.value})$`).test('') : m.value === '';
  } catch {
    return false; // an invalid pattern is reported on the matcher itself
  }
  return m.isEqual ? hit : !hit;
}

/**
 * silenceSpecSchema is what a silence says. `endsAt` may be given as a `duration` from `startsAt`
 * (default: now, resolved by the server); neither given means DEFAULT_SILENCE.duration. As in
 * Alertmanager, at least one matcher must not match the empty string, so no silence can mute
 * every alert by accident.
 */
export const silenceSpecSchema = z
  .strictObject({
    matchers: z.array(silenceMatcherSchema).min(1).max(DEFAULT_SILENCE.maxMatchers),
    startsAt: timeSchema.optional(),
    endsAt: timeSchema.optional(),
    duration: durationSchema.optional(),
    /** The author; the server defaults it to the API key (`key:<id>`). */
    createdBy: z.string().min(1).max(LIMITS.maxNameLength).optional(),
    comment: z.string().min(1, 'a comment saying why is required').max(LIMITS.maxStringLength),
  })
  .superRefine((s, ctx) => {
    if (s.endsAt !== undefined && s.duration !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['duration'],
        message: 'give endsAt or duration, not both',
      });
    }
    if (s.duration !== undefined && s.duration <= 0) {
      ctx.addIssue({ code: 'custom', path: ['duration'], message: 'duration must be positive' });
    }
    if (s.startsAt !== undefined && s.endsAt !== undefined && s.endsAt <= s.startsAt) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'endsAt must be after startsAt' });
    }
    if (s.matchers.every(matchesEmpty)) {
      ctx.addIssue({
        code: 'custom',
        path: ['matchers'],
        message: 'at least one matcher must not match the empty string (it would mute every alert)',
      });
    }
  });

/** silenceDefinitionSchema is a whole silence document (`kind: Silence`). */
export const silenceDefinitionSchema = z.strictObject({
  apiVersion: z.literal(MONITOR_API_VERSION, {
    error: `apiVersion must be ${MONITOR_API_VERSION}`,
  }),
  kind: z.literal('Silence', { error: 'kind must be Silence' }),
  metadata: z.strictObject({}).optional(),
  spec: silenceSpecSchema,
});

/** SilenceMatcherValue is a validated matcher (Alertmanager v2 fields, defaults applied). */
export interface SilenceMatcherValue {
  readonly name: string;
  readonly value: string;
  readonly isRegex: boolean;
  readonly isEqual: boolean;
}

/** SilenceSpec is a validated silence; times are epoch ms, `duration` milliseconds. */
export type SilenceSpec = z.output<typeof silenceSpecSchema>;
/** SilenceSpecInput is a silence as written (times as text or epoch ms). */
export type SilenceSpecInput = z.input<typeof silenceSpecSchema>;
/** SilenceDefinition is a validated silence document. */
export type SilenceDefinition = z.output<typeof silenceDefinitionSchema>;

/**
 * silenceSpan resolves a spec's start and end at `nowMs`: start defaults to now, end to start +
 * duration (or DEFAULT_SILENCE.duration). Example: { duration: 3_600_000 } at 0 → [0, 3_600_000].
 */
export function silenceSpan(
  spec: SilenceSpec,
  nowMs: number,
): { readonly startsAtMs: number; readonly endsAtMs: number } {
  const startsAtMs = spec.startsAt ?? nowMs;
  const endsAtMs = spec.endsAt ?? startsAtMs + (spec.duration ?? DEFAULT_DURATION_MS);
  return { startsAtMs, endsAtMs };
}
