// Prompts fetched from the Vigil server's registry: `GET /v1/prompts/:name?label=` returns a
// version (chat messages or a text template, plus its model configuration).
import type { ChatMessage } from '../golden/types.js';
import { RegressError } from '../errors.js';
import type { PromptSpec } from './openai.js';

/** RegistryPrompt is a prompt version resolved from the server. */
export interface RegistryPrompt {
  readonly prompt: PromptSpec;
  /** version is `<name>@<number>`, the target version of the run. */
  readonly version: string;
  /** model from the version's configuration, when it names one. */
  readonly model?: string;
  readonly temperature?: number;
  readonly maxTokens?: number;
}

interface WirePromptVersion {
  name?: string;
  version?: number;
  messages?: { role: string; content: string }[];
  template?: string;
  config?: { model?: string; temperature?: number; max_tokens?: number };
}

/**
 * fetchRegistryPrompt reads a prompt version by label. `{{var}}` placeholders of the registry use
 * the same syntax as target templates, so variables of a case fill them directly. The `developer`
 * role is sent as `system`; tool messages are dropped (a golden case has no tool turn).
 */
export async function fetchRegistryPrompt(options: {
  readonly server: string;
  readonly apiKey?: string;
  readonly name: string;
  readonly label: string;
  readonly fetch?: typeof fetch;
}): Promise<RegistryPrompt> {
  const url = `${options.server.replace(/\/+$/, '')}/v1/prompts/${encodeURIComponent(options.name)}?label=${encodeURIComponent(options.label)}`;
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(url, {
      headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new RegressError(
      'INVALID_TARGET',
      `prompt ${options.name}@${options.label}: ${url} unreachable (${(e as Error).message})`,
    );
  }
  if (!res.ok) {
    throw new RegressError(
      'INVALID_TARGET',
      `prompt ${options.name}@${options.label}: the server answered HTTP ${res.status}`,
    );
  }
  const v = (await res.json()) as WirePromptVersion;
  const messages: ChatMessage[] | undefined = v.messages
    ?.filter((m) => m.role !== 'tool')
    .map((m) => ({
      role: m.role === 'developer' ? 'system' : (m.role as ChatMessage['role']),
      content: m.content,
    }));
  if (messages === undefined && typeof v.template !== 'string') {
    throw new RegressError(
      'INVALID_TARGET',
      `prompt ${options.name}@${options.label}: the version has neither messages nor a template`,
    );
  }
  return {
    prompt: messages !== undefined ? { messages } : { template: v.template as string },
    version: `${v.name ?? options.name}@${v.version ?? '?'}`,
    ...(v.config?.model === undefined ? {} : { model: v.config.model }),
    ...(v.config?.temperature === undefined ? {} : { temperature: v.config.temperature }),
    ...(v.config?.max_tokens === undefined ? {} : { maxTokens: v.config.max_tokens }),
  };
}
