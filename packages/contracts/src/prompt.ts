// Prompts as they cross a boundary: a version's content (chat messages or a text template, its
// variables and model configuration), the body that creates a version, and label names.
import { z } from 'zod';
import { LIMITS, NAME_PATTERN } from './limits.js';

/** PROMPT_VARIABLE_RE finds `{{ name }}` placeholders in a template or message. */
export const PROMPT_VARIABLE_RE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** PROMPT_LABEL_PATTERN is the shape of a label: lowercase letters, digits, `.`, `_`, `-`. */
export const PROMPT_LABEL_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

/** LATEST_LABEL is moved by the server to every new version; nobody else may move it. */
export const LATEST_LABEL = 'latest';

/** promptNameSchema is a prompt's name: the same shape as model names. */
export const promptNameSchema = z
  .string()
  .min(1)
  .max(LIMITS.maxNameLength)
  .regex(NAME_PATTERN, 'letters, digits, ".", "_" and "-", starting with a letter or digit');

/** promptLabelSchema is a label name such as `production`, `staging` or `canary-eu`. */
export const promptLabelSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(PROMPT_LABEL_PATTERN, 'lowercase letters, digits, ".", "_" and "-"');

/** promptMessageSchema is one chat message of a prompt. */
export const promptMessageSchema = z.strictObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
  content: z.string().max(1_000_000),
  name: z.string().min(1).max(64).optional(),
});

/** promptModelConfigSchema is the model configuration a prompt version carries. */
export const promptModelConfigSchema = z.strictObject({
  model: z.string().min(1).max(LIMITS.maxNameLength).optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().min(1).max(10_000_000).optional(),
  top_p: z.number().min(0).max(1).optional(),
  frequency_penalty: z.number().min(-2).max(2).optional(),
  presence_penalty: z.number().min(-2).max(2).optional(),
  seed: z.number().int().optional(),
  stop: z.array(z.string().min(1)).max(4).optional(),
  response_format: z.enum(['text', 'json_object']).optional(),
});

/** PromptMessage is one chat message. */
export type PromptMessage = z.output<typeof promptMessageSchema>;
/** PromptModelConfig is a version's model configuration. */
export type PromptModelConfig = z.output<typeof promptModelConfigSchema>;

/**
 * PromptContent is what a version holds, immutable once stored: chat messages or one text
 * template, the declared variables (sorted) and the model configuration.
 */
export type PromptContent =
  | {
      readonly type: 'chat';
      readonly messages: readonly PromptMessage[];
      readonly variables: readonly string[];
      readonly config: PromptModelConfig;
    }
  | {
      readonly type: 'text';
      readonly template: string;
      readonly variables: readonly string[];
      readonly config: PromptModelConfig;
    };

const promptBodyShape = {
  name: promptNameSchema,
  messages: z.array(promptMessageSchema).min(1).max(1000).optional(),
  template: z.string().max(1_000_000).optional(),
  variables: z
    .array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/))
    .max(200)
    .optional(),
  config: promptModelConfigSchema.optional(),
  /** Labels to move to this version (besides `latest`, which always moves). */
  labels: z.array(promptLabelSchema).max(20).optional(),
  /** A note kept with the version, e.g. the git commit it came from. */
  commit_message: z.string().max(2000).optional(),
};

/** placeholders lists the distinct variables a text uses, in order of first use. */
export function placeholders(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(PROMPT_VARIABLE_RE)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/**
 * createPromptSchema is the body that creates a version (and a prompt file's content): exactly one
 * of `messages` and `template`; every `{{variable}}` used must be declared when `variables` is
 * given (undeclared ones are reported at the message that uses them).
 */
export const createPromptSchema = z.strictObject(promptBodyShape).superRefine((p, ctx) => {
  if (p.labels?.includes(LATEST_LABEL)) {
    ctx.addIssue({
      code: 'custom',
      path: ['labels'],
      message: '"latest" moves by itself to every new version',
    });
  }
  if ((p.messages === undefined) === (p.template === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: p.messages === undefined ? [] : ['template'],
      message: 'give exactly one of "messages" (chat) or "template" (text)',
    });
    return;
  }
  if (p.variables === undefined) return;
  const declared = new Set(p.variables);
  const check = (text: string, path: (string | number)[]) => {
    for (const v of placeholders(text)) {
      if (!declared.has(v))
        ctx.addIssue({ code: 'custom', path, message: `variable "${v}" is not declared` });
    }
  };
  if (p.template !== undefined) check(p.template, ['template']);
  p.messages?.forEach((m, i) => {
    check(m.content, ['messages', i, 'content']);
  });
});

/** CreatePrompt is a validated create-version body. */
export type CreatePrompt = z.output<typeof createPromptSchema>;

/**
 * promptContentOf extracts the immutable content of a create body: variables are the declared
 * ones, else the placeholders used, sorted so that equal content serialises identically.
 */
export function promptContentOf(p: CreatePrompt): PromptContent {
  const used =
    p.template !== undefined
      ? placeholders(p.template)
      : (p.messages ?? []).flatMap((m) => placeholders(m.content));
  const variables = [...new Set(p.variables ?? used)].sort();
  const config = p.config ?? {};
  return p.template !== undefined
    ? { type: 'text', template: p.template, variables, config }
    : { type: 'chat', messages: p.messages ?? [], variables, config };
}
