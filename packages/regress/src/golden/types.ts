// The golden-set model: versioned sets of cases, each with an input, an expected output, a
// category, tags and weighted assertions.

/** CATEGORIES are the case categories; the recommended split is 60/20/10/10 in this order. */
export const CATEGORIES = ['happy', 'edge', 'known-failure', 'adversarial'] as const;

/** Category is one of {@link CATEGORIES}. */
export type Category = (typeof CATEGORIES)[number];

/** ChatMessage is one message of an OpenAI-style conversation. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/**
 * CaseInput is what the target receives: a text, template variables, or a whole conversation.
 * At least one is set; a template target renders `{{input}}` and `{{vars.x}}` from it.
 */
export interface CaseInput {
  readonly text?: string;
  readonly vars?: Readonly<Record<string, unknown>>;
  readonly messages?: readonly ChatMessage[];
}

/** ASSERTION_TYPES are the assertion types; each also exists negated with a `not-` prefix. */
export const ASSERTION_TYPES = [
  'equals',
  'contains',
  'icontains',
  'contains-any',
  'contains-all',
  'icontains-any',
  'icontains-all',
  'starts-with',
  'regex',
  'is-json',
  'json-schema',
  'numeric',
  'javascript',
  'rouge-n',
  'rouge-l',
  'bleu',
  'levenshtein',
  'chrf',
  'similar',
  'latency',
  'cost',
  'label',
  'llm-rubric',
] as const;

/** AssertionType is one of {@link ASSERTION_TYPES} (without its `not-` prefix). */
export type AssertionType = (typeof ASSERTION_TYPES)[number];

/** AssertionSpec is one parsed assertion of a case. */
export interface AssertionSpec {
  readonly type: AssertionType;
  /** negate is true for `not-<type>`: the pass is inverted and the score becomes 1 − score. */
  readonly negate: boolean;
  /** value is the type's argument (text, list, regex, schema, expression, rubric, limit). */
  readonly value?: unknown;
  /** threshold is the minimum score (metrics) or the maximum (latency ms, cost USD). */
  readonly threshold?: number;
  /** weight in the case score; default 1. */
  readonly weight: number;
  /** n is the n-gram order of rouge-n (default 1). */
  readonly n?: number;
  /** tolerance is the absolute tolerance of numeric (default 0). */
  readonly tolerance?: number;
  /** line is where the assertion starts in its file (1-based), for error messages. */
  readonly line: number;
}

/** GoldenCase is one case of a set. */
export interface GoldenCase {
  readonly id: string;
  readonly input: CaseInput;
  /** expected output: text, or any JSON value (compared as JSON by equals). */
  readonly expected?: unknown;
  readonly category: Category;
  readonly tags: readonly string[];
  readonly assert: readonly AssertionSpec[];
  /** threshold: the case passes when its weighted score reaches it; unset: every assertion must pass. */
  readonly threshold?: number;
  /** line of the case in its file (1-based). */
  readonly line: number;
}

/** GoldenSet is a parsed, validated and hashed set. */
export interface GoldenSet {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  /** hash is `sha256:<hex>` of the set's canonical content (name, version and cases). */
  readonly hash: string;
  readonly file: string;
  readonly cases: readonly GoldenCase[];
}
