// Reading the environment: typed getters that warn and fall back, never throw, so a bad variable
// can never crash the host application.

/** EnvSource is where variables come from (process.env by default; injectable for tests). */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** EnvWarn receives one line per ignored variable. */
export type EnvWarn = (message: string) => void;

/** EnvReadOptions say where variables come from and where warnings go. */
export interface EnvReadOptions {
  /** Variables (default process.env). */
  readonly env?: EnvSource;
  /** Warning sink (default console.warn). */
  readonly warn?: EnvWarn;
}

const defaultWarn: EnvWarn = (m) => console.warn(`[vigil] ${m}`);

function read(name: string, env: EnvSource): string | undefined {
  try {
    const v = env[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  } catch {
    return undefined; // a hostile proxy on process.env must not crash the host either
  }
}

/**
 * getEnvString returns a non-empty variable, trimmed, or undefined when it is unset or blank.
 * Example: getEnvString('VIGIL_API_KEY', { env: { VIGIL_API_KEY: ' k ' } }) → 'k'.
 */
export function getEnvString(name: string, options: EnvReadOptions = {}): string | undefined {
  return read(name, options.env ?? process.env);
}

/**
 * getEnvUrl returns a variable that parses as an http(s) URL; an unparsable or non-http value is
 * ignored with a warning, and the fallback returned instead.
 * Example: getEnvUrl('VIGIL_ENDPOINT', 'http://x:1', { env: { VIGIL_ENDPOINT: 'nope' } }) warns → 'http://x:1'.
 */
export function getEnvUrl(name: string, fallback: string, options: EnvReadOptions = {}): string {
  const v = read(name, options.env ?? process.env);
  if (v === undefined) return fallback;
  if (isHttpUrl(v)) return v;
  try {
    (options.warn ?? defaultWarn)(`${name}="${v}" is not an http(s) URL; using ${fallback}`);
  } catch {
    // A failing warning is no reason to fail.
  }
  return fallback;
}

/** isHttpUrl is true for an absolute http: or https: URL. */
export function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
