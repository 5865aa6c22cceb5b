// E-mail: a subject and a plain-text body (the SMTP transport is the runtime's job).
import { formatValue, headline, isoTime } from './format.js';
import type { NotificationMessage } from './types.js';

/** EmailMessage is a plain-text e-mail without addresses (the channel config has those). */
export interface EmailMessage {
  readonly subject: string;
  readonly text: string;
}

/**
 * emailMessage builds the subject (`[Vigil] ` + headline) and a plain-text body listing the
 * summary, value, threshold, labels, times and link. Lines end with CRLF, as SMTP (RFC 5321)
 * requires. Example: see testdata/email.golden.json.
 */
export function emailMessage(m: NotificationMessage): EmailMessage {
  const { alert: a, context: c } = m;
  const lines = [
    headline(m),
    '',
    c.summary,
    ...(c.description === undefined ? [] : ['', c.description]),
    '',
    `Value:      ${formatValue(a.value)}`,
    `Threshold:  ${formatValue(c.threshold)}`,
    `Severity:   ${c.severity}`,
    `Started:    ${isoTime(a.startsAt)}`,
    ...(a.endsAt === null ? [] : [`Resolved:   ${isoTime(a.endsAt)}`]),
    `Labels:     ${Object.entries(a.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')}`,
    `Alert id:   ${a.fingerprint}`,
    ...(c.url === undefined ? [] : ['', c.url]),
  ];
  return { subject: `[Vigil] ${headline(m)}`, text: `${lines.join('\r\n')}\r\n` };
}
