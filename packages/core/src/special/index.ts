// Special functions and distribution tails (pure numerics, no I/O).
export { besselK } from './bessel-k.js';
export {
  betaSf,
  fSf,
  studentTCdf,
  studentTSf,
  studentTTwoSidedP,
} from './distributions.js';
export { erfc } from './erf.js';
export { betaInc, betaIncComplement } from './incomplete-beta.js';
export { chi2Cdf, chi2Sf, gammaP, gammaQ } from './incomplete-gamma.js';
export { kolmogorovSf } from './kolmogorov.js';
export type { Ks2sampMethod, Ks2sampOptions, Ks2sampPValue } from './ks-2samp.js';
export { ks2sampPValue } from './ks-2samp.js';
export { kstwoSf } from './kstwo.js';
export { logBeta, logChoose, logFactorial } from './log-beta.js';
export { logGamma } from './log-gamma.js';
export { normalCdf, normalIsf, normalPpf, normalSf } from './normal.js';
export { smirnovSf } from './smirnov.js';
