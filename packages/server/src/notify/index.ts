// The notifier runtime: delivering queued notifications to channels, with retries and a log.

export type { RetryPolicy } from './backoff.js';
export { backoffMs, DEFAULT_RETRY_POLICY } from './backoff.js';
export { notificationMessage } from './message.js';
export type { HttpRequest, SendOptions, SendResult } from './send.js';
export { httpRequestFor, sendToChannel } from './send.js';
export type {
  ChannelResolver,
  Notifier,
  NotifierOptions,
  NotifyJobPayload,
  NotifyTickReport,
} from './worker.js';
export { createNotifier, NOTIFY_JOB_KIND } from './worker.js';
