// Shared text formatting of notifications.
import type { NotificationMessage } from './types.js';

/**
 * formatValue prints a value with 4 significant digits, 'n/a' for null.
 * Example: formatValue(0.351234) → '0.3512'; formatValue(1234567) → '1.235e+6'.
 */
export function formatValue(v: number | null): string {
  return v === null ? 'n/a' : String(Number(v.toPrecision(4)));
}

/** isoTime renders epoch ms as ISO 8601 UTC. Example: isoTime(0) → '1970-01-01T00:00:00.000Z'. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * statusWord is the upper-case word for a notification kind: FIRING (also for renotify) or
 * RESOLVED. Example: statusWord('renotify') → 'FIRING'.
 */
export function statusWord(kind: NotificationMessage['alert']['kind']): 'FIRING' | 'RESOLVED' {
  return kind === 'resolved' ? 'RESOLVED' : 'FIRING';
}

/**
 * headline is the one-line title of a message: `[FIRING] name (model): value 0.35 (threshold 0.2)`.
 * Example: a resolved alert → '[RESOLVED] fraud-psi (fraud): value 0.05 (threshold 0.2)'. An
 * incident notice reads `[INCIDENT P1] <its summary>`.
 */
export function headline(m: NotificationMessage): string {
  const { alert, context } = m;
  if (context.incident !== undefined)
    return `[INCIDENT ${context.incident.severity}] ${context.summary}`;
  const model = context.model === undefined ? '' : ` (${context.model})`;
  const threshold =
    context.threshold === null ? '' : ` (threshold ${formatValue(context.threshold)})`;
  return `[${statusWord(alert.kind)}] ${context.monitorName}${model}: value ${formatValue(alert.value)}${threshold}`;
}
