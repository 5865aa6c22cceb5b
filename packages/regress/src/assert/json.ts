// JSON checks: the output parses as JSON, and validates against a JSON Schema (ajv, draft 2020-12
// keywords of Ajv's default draft-07 vocabulary).
import { Ajv, type ValidateFunction } from 'ajv';
import type { AssertionContext, AssertionOutcome } from './types.js';
import { outcome } from './types.js';

// One Ajv for the process: compiled validators are cached by schema.
const ajv = new Ajv({ allErrors: false, strict: false });

/** compileSchema compiles a JSON Schema; it throws with Ajv's message when the schema is invalid. */
export function compileSchema(schema: unknown): ValidateFunction {
  return ajv.compile(schema as object);
}

/** parseJsonOutput parses an output as JSON, tolerating a Markdown code fence around it. */
export function parseJsonOutput(output: string): { ok: true; value: unknown } | { ok: false } {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(output);
  try {
    return { ok: true, value: JSON.parse(fenced ? fenced[1] : output) };
  } catch {
    return { ok: false };
  }
}

/** isJsonAssertion passes when the output is JSON. */
export function isJsonAssertion(ctx: AssertionContext): AssertionOutcome {
  const pass = parseJsonOutput(ctx.output).ok;
  return outcome(pass, pass ? 'valid JSON' : 'output is not JSON');
}

/** jsonSchemaAssertion passes when the output is JSON valid against the compiled schema. */
export function jsonSchemaAssertion(
  validate: ValidateFunction,
  ctx: AssertionContext,
): AssertionOutcome {
  const parsed = parseJsonOutput(ctx.output);
  if (!parsed.ok) return outcome(false, 'output is not JSON');
  if (validate(parsed.value)) return outcome(true, 'matches the schema');
  const e = validate.errors?.[0];
  return outcome(false, `schema: ${e ? `${e.instancePath || '/'} ${e.message}` : 'invalid'}`);
}
