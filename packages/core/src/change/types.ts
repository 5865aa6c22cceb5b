/**
 * StreamingDetector is the common shape of the online change detectors (Page-Hinkley, CUSUM, ADWIN).
 *
 * A detector is a small mutable state machine owned by one caller: feed it one observation at a
 * time with `update`, which returns true on the step where a change is detected. Like river, a
 * detector resets itself on the step *after* a detection, so a persistent shift is reported once
 * per fresh warm-up rather than on every later step. Non-finite inputs (NaN, ±Infinity) are
 * skipped: they change no state, return false and are counted in `skipped`.
 */
export interface StreamingDetector {
  /** update feeds one observation and returns true when a change is detected at this step. */
  update(x: number): boolean;
  /** reset forgets everything seen so far (also done automatically after a detection). */
  reset(): void;
  /** driftDetected is the value the last `update` returned. */
  readonly driftDetected: boolean;
  /** count is the number of finite observations seen since the last reset. */
  readonly count: number;
  /** skipped is the number of non-finite observations ignored since creation. */
  readonly skipped: number;
}

/** DetectorMode selects which direction of mean shift a detector reports. */
export type DetectorMode = 'up' | 'down' | 'both';
