// Sending one notification to one channel: the engine builds the exact bytes, this file moves them
// (HTTP POST or SMTP) under a hard per-attempt timeout and says whether a retry can help.
import type { ChannelSpec } from '@vigil/contracts';
import {
  alertmanagerAlerts,
  buildWebhookRequest,
  emailMessage,
  type NotificationMessage,
  pagerDutyEvent,
  slackPayload,
} from '@vigil/engine';
import { createTransport } from 'nodemailer';

/** SendResult is how one attempt ended. */
export interface SendResult {
  readonly ok: boolean;
  /** The HTTP status or SMTP reply code; null when none came back (timeout, refused…). */
  readonly statusCode: number | null;
  readonly error: string | null;
  /** false when repeating the same request cannot succeed (HTTP 4xx other than 408 and 429). */
  readonly retryable: boolean;
}

/** SendOptions carry what a payload needs besides the message. */
export interface SendOptions {
  /** The monitor's cadence, for Alertmanager's endsAt (an alert expires unless refreshed). */
  readonly evaluationIntervalMs?: number;
}

/** HttpRequest is a ready POST: URL, headers, exact body. */
export interface HttpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const JSON_HEADERS = { 'content-type': 'application/json' };
const MAX_ERROR_TEXT = 300;

/**
 * httpRequestFor builds the POST of an HTTP channel: the signed generic webhook, the Slack body,
 * Alertmanager's `POST <url>/api/v2/alerts` list, or the PagerDuty Events v2 event.
 */
export function httpRequestFor(
  spec: Exclude<ChannelSpec, { type: 'email' }>,
  m: NotificationMessage,
  options: SendOptions = {},
): HttpRequest {
  switch (spec.type) {
    case 'webhook': {
      const r = buildWebhookRequest(m, spec.secret === undefined ? {} : { secret: spec.secret });
      return { url: spec.url, headers: r.headers, body: r.body };
    }
    case 'slack':
      return { url: spec.url, headers: JSON_HEADERS, body: JSON.stringify(slackPayload(m)) };
    case 'alertmanager': {
      const alerts = alertmanagerAlerts(
        m,
        options.evaluationIntervalMs === undefined
          ? {}
          : { evaluationIntervalMs: options.evaluationIntervalMs },
      );
      const url = `${spec.url.replace(/\/+$/, '')}/api/v2/alerts`;
      return { url, headers: JSON_HEADERS, body: JSON.stringify(alerts) };
    }
    case 'pagerduty': {
      const event = pagerDutyEvent(m, { routingKey: spec.routingKey });
      return { url: spec.url, headers: JSON_HEADERS, body: JSON.stringify(event) };
    }
  }
}

async function postJson(req: HttpRequest, timeoutMs: number): Promise<SendResult> {
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (res.ok) return { ok: true, statusCode: res.status, error: null, retryable: false };
    return {
      ok: false,
      statusCode: res.status,
      error: `HTTP ${res.status}${text === '' ? '' : `: ${text.slice(0, MAX_ERROR_TEXT)}`}`,
      retryable: res.status >= 500 || res.status === 408 || res.status === 429,
    };
  } catch (e) {
    return { ok: false, statusCode: null, error: describe(e, timeoutMs), retryable: true };
  }
}

function describe(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return `timed out after ${timeoutMs} ms`;
  const cause = err.cause?.code ?? err.cause?.message;
  return (cause === undefined ? err.message : `${err.message} (${cause})`).slice(0, MAX_ERROR_TEXT);
}

async function sendEmail(
  spec: Extract<ChannelSpec, { type: 'email' }>,
  m: NotificationMessage,
): Promise<SendResult> {
  const transport = createTransport({
    host: spec.host,
    port: spec.port,
    secure: spec.secure,
    ...(spec.username === undefined
      ? {}
      : { auth: { user: spec.username, pass: spec.password ?? '' } }),
    connectionTimeout: spec.timeout,
    greetingTimeout: spec.timeout,
    socketTimeout: spec.timeout,
  });
  const mail = emailMessage(m);
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`timed out after ${spec.timeout} ms`)),
        spec.timeout,
      );
    });
    const info = await Promise.race([
      transport.sendMail({
        from: spec.from,
        to: [...spec.to],
        subject: mail.subject,
        text: mail.text,
      }),
      deadline,
    ]);
    const code = Number.parseInt(String(info.response ?? '').slice(0, 3), 10);
    return {
      ok: true,
      statusCode: Number.isFinite(code) ? code : null,
      error: null,
      retryable: false,
    };
  } catch (e) {
    const err = e as Error & { responseCode?: number };
    const code = typeof err.responseCode === 'number' ? err.responseCode : null;
    // SMTP 5xx replies are permanent (bad recipient, rejected sender); 4xx and I/O errors are not.
    return {
      ok: false,
      statusCode: code,
      error: err.message.slice(0, MAX_ERROR_TEXT),
      retryable: code === null || code < 500,
    };
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}

/**
 * sendToChannel delivers `m` to one channel, giving up after the channel's timeout. It never
 * throws: every failure comes back as a SendResult. Example: a webhook answering 503 →
 * { ok: false, statusCode: 503, error: 'HTTP 503: …', retryable: true }.
 */
export function sendToChannel(
  spec: ChannelSpec,
  m: NotificationMessage,
  options: SendOptions = {},
): Promise<SendResult> {
  if (spec.type === 'email') return sendEmail(spec, m);
  return postJson(httpRequestFor(spec, m, options), spec.timeout);
}
