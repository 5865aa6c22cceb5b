// Number formatting for the server-rendered parts of the HTML report. The embedded client script
// (html-client-*.ts) has the same rules for the parts it renders; keep the two in step.

/** DASH is shown where a value is absent (null statistic, p-value of a distance, …). */
export const DASH = '—';

/**
 * formatNumber shows a statistic with 4 significant digits, switching to exponent notation for
 * very small or very large magnitudes so p-values like 3e-12 stay readable.
 *
 * Example: 0.0123456 → "0.01235", 3.2e-12 → "3.20e-12", null → "—".
 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  if (value === 0) return '0';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e6) return value.toExponential(2);
  return String(Number(value.toPrecision(4)));
}

/**
 * formatShare shows a share in [0, 1] as a percentage with one decimal.
 *
 * A share that is not zero but rounds to 0.0 % shows as "<0.1%" so that "some" never reads as "none".
 * Example: 0.3333 → "33.3%", 0.0004 → "<0.1%".
 */
export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (value > 0 && value < 0.0005) return '<0.1%';
  return `${(value * 100).toFixed(1)}%`;
}

/** formatCount shows an integer count with thousands separators, e.g. 12345 → "12,345". */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : DASH;
}

/**
 * formatSigned shows a change with an explicit sign, e.g. 0.031 → "+0.031", -2 → "−2".
 */
export function formatSigned(value: number | null | undefined): string {
  const text = formatNumber(value);
  if (value === null || value === undefined || !Number.isFinite(value) || value === 0) return text;
  return value > 0 ? `+${text}` : `−${text.slice(1)}`;
}
