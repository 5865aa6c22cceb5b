// Slack-compatible incoming webhook body. Uses `text` + legacy `attachments` (color bar, fields),
// the subset Slack, Mattermost, Rocket.Chat and Discord's /slack endpoint all render.
import { formatValue, headline, isoTime } from './format.js';
import type { NotificationMessage } from './types.js';

/** SlackField is one short field of a Slack attachment. */
export interface SlackField {
  readonly title: string;
  readonly value: string;
  readonly short: boolean;
}

/** SlackPayload is an incoming-webhook body. */
export interface SlackPayload {
  readonly text: string;
  readonly attachments: ReadonlyArray<{
    readonly color: string;
    readonly title: string;
    readonly title_link?: string;
    readonly text: string;
    readonly fields: readonly SlackField[];
    readonly footer: string;
    /** Epoch seconds of the evaluation. */
    readonly ts: number;
  }>;
}

const COLORS = { critical: '#d00000', warning: '#e8a317', info: '#439fe0', resolved: '#2eb67d' };

/**
 * slackPayload builds a Slack-compatible message: the headline as `text` (notification preview),
 * one attachment colored by severity (green once resolved) with value, threshold, model and
 * started-at fields. Example: see testdata/slack.golden.json.
 */
export function slackPayload(m: NotificationMessage): SlackPayload {
  const { alert: a, context: c } = m;
  const fields: SlackField[] = [
    { title: 'Value', value: formatValue(a.value), short: true },
    { title: 'Threshold', value: formatValue(c.threshold), short: true },
    { title: 'Severity', value: c.severity, short: true },
    { title: 'Started', value: isoTime(a.startsAt), short: true },
  ];
  if (c.model !== undefined) fields.push({ title: 'Model', value: c.model, short: true });
  return {
    text: headline(m),
    attachments: [
      {
        color: a.kind === 'resolved' ? COLORS.resolved : COLORS[c.severity],
        title: c.monitorName,
        ...(c.url === undefined ? {} : { title_link: c.url }),
        text: c.description === undefined ? c.summary : `${c.summary}\n${c.description}`,
        fields,
        footer: `Vigil · ${a.fingerprint}`,
        ts: Math.floor(a.at / 1000),
      },
    ],
  };
}
