export type { Rng } from './rng.js';
export { createRng } from './rng.js';
export { shuffleInPlace } from './shuffle.js';
