// Notification payload builders (pure): public API.
export type { AlertmanagerAlert, AlertmanagerOptions } from './alertmanager.js';
export { alertmanagerAlerts } from './alertmanager.js';
export type { EmailMessage } from './email.js';
export { emailMessage } from './email.js';
export { formatValue, headline, isoTime, statusWord } from './format.js';
export type { PagerDutyAction, PagerDutyEvent, PagerDutyOptions } from './pagerduty.js';
export { pagerDutyEvent } from './pagerduty.js';
export type { SlackField, SlackPayload } from './slack.js';
export { slackPayload } from './slack.js';
export type {
  IncidentNoticeContext,
  NotificationContext,
  NotificationMessage,
  Severity,
} from './types.js';
export type { WebhookPayload, WebhookRequest } from './webhook.js';
export {
  buildWebhookRequest,
  signWebhookBody,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  webhookPayload,
} from './webhook.js';
