// @vigil/regress: golden sets, assertions, runs against targets, and the regression gate.

/** REGRESS_VERSION is the version of the regression-run format this package writes. */
export const REGRESS_VERSION = 1;
