import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INITIAL_ALERT_STATE, step } from '../alerting/state-machine.js';
import type { AlertConfig, AlertNotification } from '../alerting/types.js';
import { alertmanagerAlerts } from './alertmanager.js';
import { emailMessage } from './email.js';
import { pagerDutyEvent } from './pagerduty.js';
import { slackPayload } from './slack.js';
import type { NotificationMessage } from './types.js';
import {
  buildWebhookRequest,
  signWebhookBody,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
} from './webhook.js';

const t0 = Date.parse('2026-05-27T12:00:00Z');
const MIN = 60_000;

// The notifications come from the real state machine, so the goldens pin the whole path.
const config: AlertConfig = {
  monitorId: 'fraud-psi',
  labels: { model: 'fraud', severity: 'critical' },
  forMs: 0,
  keepFiringForMs: 0,
  renotifyEveryMs: 3_600_000,
};
const fired = step(INITIAL_ALERT_STATE, { status: 'BREACH', value: 0.3517 }, t0, config);
const resolved = step(fired.state, { status: 'OK', value: 0.04 }, t0 + 42 * MIN, config);
const firing: AlertNotification = fired.notifications[0];
const resolving: AlertNotification = resolved.notifications[0];

const context = {
  monitorName: 'fraud-psi',
  severity: 'critical' as const,
  summary: '2 of 10 checks breached (need 1): amount psi=0.3517, country psi=0.2213',
  description: 'PSI > 0.2 on the top 10 features of the fraud model.',
  model: 'fraud',
  monitorType: 'data_drift',
  threshold: 0.2,
  url: 'https://vigil.example.com/monitors/fraud-psi',
};
const fire: NotificationMessage = { alert: firing, context };
const resolve: NotificationMessage = { alert: resolving, context };
const SECRET = 'whsec_test_secret';

const goldenCases: Array<{ name: string; build: () => unknown }> = [
  {
    name: 'webhook',
    build: () => {
      const r = buildWebhookRequest(fire, { secret: SECRET });
      return { headers: r.headers, body: JSON.parse(r.body) };
    },
  },
  {
    name: 'webhook-resolved',
    build: () => {
      const r = buildWebhookRequest(resolve);
      return { headers: r.headers, body: JSON.parse(r.body) };
    },
  },
  { name: 'slack', build: () => slackPayload(fire) },
  { name: 'slack-resolved', build: () => slackPayload(resolve) },
  {
    name: 'alertmanager',
    build: () => alertmanagerAlerts(fire, { evaluationIntervalMs: 5 * MIN }),
  },
  { name: 'alertmanager-resolved', build: () => alertmanagerAlerts(resolve) },
  { name: 'pagerduty-trigger', build: () => pagerDutyEvent(fire, { routingKey: 'R0UT1NGKEY' }) },
  { name: 'pagerduty-resolve', build: () => pagerDutyEvent(resolve, { routingKey: 'R0UT1NGKEY' }) },
  {
    name: 'pagerduty-acknowledge',
    build: () => pagerDutyEvent(fire, { routingKey: 'R0UT1NGKEY', action: 'acknowledge' }),
  },
  { name: 'email', build: () => emailMessage(fire) },
  { name: 'email-resolved', build: () => emailMessage(resolve) },
];

const golden = (name: string) => new URL(`./testdata/${name}.golden.json`, import.meta.url);

describe('notification payloads match their golden JSON', () => {
  // UPDATE_GOLDEN=1 rewrites the files; review the diff before committing.
  it.each(goldenCases)('$name', ({ name, build }) => {
    const got = build();
    if (process.env.UPDATE_GOLDEN === '1')
      writeFileSync(golden(name), `${JSON.stringify(got, null, 2)}\n`);
    expect(got).toEqual(JSON.parse(readFileSync(golden(name), 'utf8')));
  });
});

describe('webhook signature', () => {
  it('is HMAC-SHA256 of the exact body (value from Python hmac)', () => {
    // /usr/bin/python3 -c "import hmac,hashlib;print(hmac.new(b'key',b'{\"a\":1}',hashlib.sha256).hexdigest())"
    expect(signWebhookBody('{"a":1}', 'key')).toBe(
      'sha256=88a67f24bbcdaed0e6c997404bb79a743baf44c6bab2f4c27328e3009d22e342',
    );
  });

  it('signs the body it sends, and verification catches any change', () => {
    const r = buildWebhookRequest(fire, { secret: SECRET });
    const sig = r.headers[WEBHOOK_SIGNATURE_HEADER];
    expect(verifyWebhookSignature(r.body, sig, SECRET)).toBe(true);
    expect(verifyWebhookSignature(r.body.replace('0.3517', '0.3518'), sig, SECRET)).toBe(false);
    expect(verifyWebhookSignature(r.body, sig, 'other')).toBe(false);
    expect(verifyWebhookSignature(r.body, 'sha256=00', SECRET)).toBe(false);
  });

  it('has no signature header without a secret', () => {
    expect(buildWebhookRequest(fire).headers[WEBHOOK_SIGNATURE_HEADER]).toBeUndefined();
  });
});

describe('payload rules', () => {
  it('PagerDuty dedup_key is the alert fingerprint for trigger and resolve', () => {
    const a = pagerDutyEvent(fire, { routingKey: 'k' });
    const b = pagerDutyEvent(resolve, { routingKey: 'k' });
    expect(a.dedup_key).toBe(firing.fingerprint);
    expect(b.dedup_key).toBe(a.dedup_key);
    expect(b.payload).toBeUndefined();
  });

  it('PagerDuty summaries are cut at 1024 characters', () => {
    const long = { ...fire, context: { ...context, monitorName: 'x'.repeat(2000) } };
    expect(pagerDutyEvent(long, { routingKey: 'k' }).payload?.summary.length).toBe(1024);
  });

  it('Alertmanager: a firing alert is valid for 4 × max(interval, 1 min)', () => {
    const [a] = alertmanagerAlerts(fire, { evaluationIntervalMs: 10_000 });
    expect(Date.parse(a.endsAt) - Date.parse(a.startsAt)).toBe(4 * MIN);
  });
});
