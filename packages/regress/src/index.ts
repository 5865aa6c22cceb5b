// @vigil/regress: golden sets, assertions, runs against targets, and the regression gate.

export {
  createOpenAiJudge,
  JUDGE_SYSTEM_PROMPT,
  type JudgeConfig,
  parseVerdict,
} from './assert/llm-rubric.js';
export { METRIC_THRESHOLDS } from './assert/metric.js';
export {
  type CaseVerdict,
  checkAssertionValue,
  compileAssertion,
  evaluateAssertions,
  evaluateAssertionsSync,
} from './assert/registry.js';
export type {
  AssertionContext,
  AssertionOutcome,
  AssertionResult,
  CompiledAssertion,
  Judge,
  JudgeVerdict,
} from './assert/types.js';
export { RegressError, type RegressErrorCode } from './errors.js';
export {
  type BaselineDiff,
  DEFAULT_MIN_PASS_RATE,
  diffRuns,
  evaluateGate,
  type GateOptions,
  type GateResult,
  type PairedTest,
} from './gate/gate.js';
export { appendGoldenCase, bumpVersion } from './golden/append.js';
export {
  type CategoryShare,
  type CompositionReport,
  composition,
  RECOMMENDED_SIZE,
  RECOMMENDED_SPLIT,
  SPLIT_TOLERANCE,
} from './golden/composition.js';
export {
  formatGoldenIssue,
  type GoldenIssue,
  type GoldenParseResult,
  goldenSetHash,
  loadGoldenSet,
  parseGoldenJsonl,
  parseGoldenSet,
  parseGoldenYaml,
} from './golden/parse.js';
export {
  ASSERTION_TYPES,
  type AssertionSpec,
  type AssertionType,
  CATEGORIES,
  type CaseInput,
  type Category,
  type ChatMessage,
  type GoldenCase,
  type GoldenSet,
} from './golden/types.js';
export { renderHtml } from './report/html.js';
export { renderJunit } from './report/junit.js';
export { type GatedRun, parseRunJson, readRunFile } from './report/run-file.js';
export { renderTerminal } from './report/terminal.js';
export { type CallPolicy, callWithRetry } from './run/call.js';
export { median, runPool } from './run/pool.js';
export { decideCase, type RunOptions, runGoldenSet } from './run/runner.js';
export {
  type CaseResult,
  type ClassicComparison,
  type ClassicMetrics,
  MAX_STORED_OUTPUT,
  RUN_FORMAT,
  type RepeatResult,
  type RunResult,
  type RunSummary,
  summarize,
} from './run/types.js';
export {
  type ClassicConfig,
  parseCsv,
  type PredictionSource,
  runHoldout,
} from './targets/classic.js';
export {
  type LoadedTarget,
  type LoadTargetOptions,
  loadTarget,
  parseTarget,
  type RunSettings,
} from './targets/config.js';
export { createHttpTarget, type HttpTargetOptions } from './targets/http.js';
export {
  chatMessages,
  createOpenAiTarget,
  type OpenAiTargetOptions,
  type Pricing,
  type PromptSpec,
} from './targets/openai.js';
export { fetchRegistryPrompt, type RegistryPrompt } from './targets/prompt-server.js';
export { createShellTarget, type ShellTargetOptions } from './targets/shell.js';
export { caseScope, readPath, renderTemplate } from './targets/template.js';
export { type Target, type TargetCall, TargetCallError, type TargetKind } from './targets/types.js';

/** REGRESS_VERSION is the version of the regression-run format this package writes. */
export const REGRESS_VERSION = 1;
