// Notification channel definitions (`apiVersion: vigil/v1`, `kind: Channel`): where a monitor's
// `spec.alert.channels` names deliver to. One strict shape per channel type; durations are parsed
// to milliseconds and defaults are exported so the notifier, the docs and the tests agree.
import { z } from 'zod';
import { LIMITS, NAME_PATTERN } from './limits.js';
import { MONITOR_API_VERSION } from './monitor.js';
import { durationSchema } from './time.js';

/** CHANNEL_TYPES lists the channel types the notifier delivers to. */
export const CHANNEL_TYPES = ['webhook', 'slack', 'alertmanager', 'pagerduty', 'email'] as const;

/** DEFAULT_CHANNEL holds the delivery defaults: per-attempt timeout and attempts before giving up. */
export const DEFAULT_CHANNEL = {
  timeout: '10s',
  maxAttempts: 5,
  pagerDutyUrl: 'https://events.pagerduty.com/v2/enqueue',
} as const;

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
  .max(LIMITS.maxStringLength);

const delivery = {
  /** Per-attempt timeout: a slow receiver is cut off and retried, never waited on. */
  timeout: durationSchema.prefault(DEFAULT_CHANNEL.timeout),
  maxAttempts: z.number().int().min(1).max(20).default(DEFAULT_CHANNEL.maxAttempts),
};

const email = z.email().max(320);

/** channelSpecSchema is one channel's target, by `type`. */
export const channelSpecSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('webhook'),
    url: httpUrl,
    /** HMAC-SHA256 key: the body is signed in `x-vigil-signature-256` when set. */
    secret: z.string().min(1).max(1024).optional(),
    ...delivery,
  }),
  z.strictObject({ type: z.literal('slack'), url: httpUrl, ...delivery }),
  z.strictObject({
    type: z.literal('alertmanager'),
    /** Base URL of Alertmanager, e.g. `http://alertmanager:9093`; `/api/v2/alerts` is appended. */
    url: httpUrl,
    ...delivery,
  }),
  z.strictObject({
    type: z.literal('pagerduty'),
    routingKey: z.string().min(1).max(256),
    /** Events v2 endpoint; default PagerDuty's, configurable for proxies and compatible tools. */
    url: httpUrl.default(DEFAULT_CHANNEL.pagerDutyUrl),
    ...delivery,
  }),
  z.strictObject({
    type: z.literal('email'),
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(587),
    /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    username: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    from: email,
    to: z.array(email).min(1).max(100),
    ...delivery,
  }),
]);

/** channelDefinitionSchema is a whole channel document (`kind: Channel`). */
export const channelDefinitionSchema = z.strictObject({
  apiVersion: z.literal(MONITOR_API_VERSION, {
    error: `apiVersion must be ${MONITOR_API_VERSION}`,
  }),
  kind: z.literal('Channel', { error: 'kind must be Channel' }),
  metadata: z.strictObject({
    name: z.string().min(1).max(LIMITS.maxNameLength).regex(NAME_PATTERN),
  }),
  spec: channelSpecSchema,
});

/** ChannelType is one of CHANNEL_TYPES. */
export type ChannelType = (typeof CHANNEL_TYPES)[number];
/** ChannelSpec is a validated channel target; `timeout` is milliseconds. */
export type ChannelSpec = z.output<typeof channelSpecSchema>;
/** ChannelDefinition is a validated channel document. */
export type ChannelDefinition = z.output<typeof channelDefinitionSchema>;
/** ChannelDefinitionInput is a channel document as written (durations as text). */
export type ChannelDefinitionInput = z.input<typeof channelDefinitionSchema>;
