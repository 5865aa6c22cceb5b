// Generic webhook: a JSON body, signed with HMAC-SHA256 so receivers can check it came from us.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isoTime, statusWord } from './format.js';
import type { IncidentNoticeContext, NotificationMessage } from './types.js';

/** WEBHOOK_SIGNATURE_HEADER carries `sha256=<hex HMAC-SHA256 of the raw body>` (GitHub's scheme). */
export const WEBHOOK_SIGNATURE_HEADER = 'x-vigil-signature-256';

/** WebhookPayload is the JSON body of a generic webhook (version 1; new fields only get added). */
export interface WebhookPayload {
  readonly version: 1;
  readonly kind: 'firing' | 'renotify' | 'resolved';
  readonly status: 'FIRING' | 'RESOLVED';
  readonly fingerprint: string;
  readonly monitor: { readonly id: string; readonly name: string; readonly type: string | null };
  readonly model: string | null;
  readonly severity: string;
  readonly summary: string;
  readonly description: string | null;
  readonly value: number | null;
  readonly threshold: number | null;
  readonly labels: Readonly<Record<string, string>>;
  readonly startsAt: string;
  readonly endsAt: string | null;
  readonly sentAt: string;
  readonly url: string | null;
  /** Present on incident notices only. */
  readonly incident?: IncidentNoticeContext;
}

/** WebhookRequest is a ready-to-send request: the exact body bytes and the headers. */
export interface WebhookRequest {
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * webhookPayload builds the generic webhook JSON object of a notification; times are ISO 8601 UTC.
 * Example: a firing alert → { version: 1, kind: 'firing', status: 'FIRING', … }.
 */
export function webhookPayload(m: NotificationMessage): WebhookPayload {
  const { alert: a, context: c } = m;
  return {
    version: 1,
    kind: a.kind,
    status: statusWord(a.kind),
    fingerprint: a.fingerprint,
    monitor: { id: a.monitorId, name: c.monitorName, type: c.monitorType ?? null },
    model: c.model ?? null,
    severity: c.severity,
    summary: c.summary,
    description: c.description ?? null,
    value: a.value,
    threshold: c.threshold,
    labels: a.labels,
    startsAt: isoTime(a.startsAt),
    endsAt: a.endsAt === null ? null : isoTime(a.endsAt),
    sentAt: isoTime(a.at),
    url: c.url ?? null,
    ...(c.incident === undefined ? {} : { incident: c.incident }),
  };
}

/**
 * signWebhookBody returns `sha256=` + hex HMAC-SHA256(secret, body), the value of
 * WEBHOOK_SIGNATURE_HEADER. Example: signWebhookBody('{}', 's') →
 * 'sha256=' + hmac('s', '{}') as hex (64 digits).
 */
export function signWebhookBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * verifyWebhookSignature checks a received signature header against the raw body in constant
 * time; receivers must verify the raw bytes, before parsing. Example: the header produced by
 * buildWebhookRequest verifies; any changed byte does not.
 */
export function verifyWebhookSignature(body: string, header: string, secret: string): boolean {
  const want = Buffer.from(signWebhookBody(body, secret));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}

/**
 * buildWebhookRequest serialises the payload once and signs exactly those bytes. Headers:
 * content-type, x-vigil-event (the kind), x-vigil-fingerprint and, when a secret is given,
 * x-vigil-signature-256. Example: see testdata/webhook.golden.json.
 */
export function buildWebhookRequest(
  m: NotificationMessage,
  options: { readonly secret?: string } = {},
): WebhookRequest {
  const body = JSON.stringify(webhookPayload(m));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-vigil-event': m.alert.kind,
    'x-vigil-fingerprint': m.alert.fingerprint,
  };
  if (options.secret !== undefined)
    headers[WEBHOOK_SIGNATURE_HEADER] = signWebhookBody(body, options.secret);
  return { body, headers };
}
