// Model references (`name`, `name@3`, `name@alias`) and alias names: parsing and validation,
// shared by the store, the server and the CLI so all three accept exactly the same strings.
import { NAME_PATTERN } from '@vigil/contracts';
import { StoreError } from '../errors.js';
import { ALIAS_PATTERN, type ParsedRef, RESERVED_ALIASES } from './port.js';

const MAX_NAME = 128;
const VERSION_RE = /^[1-9][0-9]{0,8}$/;

/** aliasNameProblem explains why `alias` is not a valid alias name, or returns null when it is. */
export function aliasNameProblem(alias: string): string | null {
  if (!ALIAS_PATTERN.test(alias)) {
    return `alias "${alias}" must start with a lower-case letter and hold only a-z, 0-9, "_", "-" (at most 63 characters)`;
  }
  if (RESERVED_ALIASES.includes(alias)) return `alias "${alias}" is reserved`;
  return null;
}

/** checkAliasName throws INVALID_ARGUMENT unless `alias` is a valid, settable alias name. */
export function checkAliasName(alias: string): void {
  const problem = aliasNameProblem(alias);
  if (problem !== null) throw new StoreError('INVALID_ARGUMENT', problem);
}

/** checkModelName throws INVALID_ARGUMENT unless `model` is a valid model name. */
export function checkModelName(model: string): void {
  if (typeof model !== 'string' || model.length > MAX_NAME || !NAME_PATTERN.test(model)) {
    throw new StoreError('INVALID_ARGUMENT', `invalid model name "${String(model)}"`);
  }
}

/**
 * parseModelRef splits `name`, `name@latest`, `name@3` or `name@alias`; throws INVALID_ARGUMENT
 * with one line naming the problem for anything else.
 */
export function parseModelRef(ref: string): ParsedRef {
  if (typeof ref !== 'string' || ref.length === 0) {
    throw new StoreError(
      'INVALID_ARGUMENT',
      'a model reference (name, name@3 or name@alias) is required',
    );
  }
  const at = ref.indexOf('@');
  const model = at < 0 ? ref : ref.slice(0, at);
  checkModelName(model);
  if (at < 0) return { model, kind: 'latest' };
  const rest = ref.slice(at + 1);
  if (rest === 'latest') return { model, kind: 'latest' };
  if (VERSION_RE.test(rest)) return { model, kind: 'version', version: Number(rest) };
  if (!ALIAS_PATTERN.test(rest)) {
    throw new StoreError(
      'INVALID_ARGUMENT',
      `invalid reference "${ref}": after "@" comes a version number, "latest" or an alias name`,
    );
  }
  return { model, kind: 'alias', alias: rest };
}

/** checkVersionNumber throws INVALID_ARGUMENT unless `version` is a positive integer. */
export function checkVersionNumber(version: number): void {
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new StoreError('INVALID_ARGUMENT', `version must be a positive integer, got ${version}`);
  }
}
