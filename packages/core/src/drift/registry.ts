import { anderson } from './anderson.js';
import { chisquare } from './chisquare.js';
import { cramerVonMises } from './cramer-von-mises.js';
import { empiricalMmd } from './empirical-mmd.js';
import { energyDistance } from './energy-distance.js';
import { eppsSingleton } from './epps-singleton.js';
import { fisherExact } from './fisher-exact.js';
import { gTest } from './g-test.js';
import { hellinger } from './hellinger.js';
import { jensenShannon } from './jensen-shannon.js';
import { klDiv } from './kl-div.js';
import { ks } from './ks.js';
import { mannWhitney } from './mann-whitney.js';
import { psi } from './psi.js';
import { tTest } from './t-test.js';
import { tvd } from './tvd.js';
import type { DriftMethod, DriftMethodImpl, DriftMethodName } from './types.js';
import { wasserstein } from './wasserstein.js';
import { zTest } from './z-test.js';

const IMPLEMENTATIONS: Readonly<Record<DriftMethodName, DriftMethodImpl>> = {
  ks,
  chisquare,
  z: zTest,
  jensenshannon: jensenShannon,
  kl_div: klDiv,
  psi,
  wasserstein,
  anderson,
  fisher_exact: fisherExact,
  cramer_von_mises: cramerVonMises,
  g_test: gTest,
  hellinger,
  mannw: mannWhitney,
  ed: energyDistance,
  es: eppsSingleton,
  t_test: tTest,
  TVD: tvd,
  empirical_mmd: empiricalMmd,
};

function describe(impl: DriftMethodImpl): DriftMethod {
  return Object.freeze({
    name: impl.name,
    displayName: impl.displayName,
    kinds: Object.freeze([...impl.kinds]),
    scoreKind: impl.scoreKind,
    defaultThreshold: impl.defaultThreshold,
    rule: impl.rule,
    effectSizeName: impl.effectSizeName,
  });
}

/**
 * DRIFT_METHODS is the registry of drift methods by name: column kinds accepted, score kind
 * (p-value or distance), default threshold and drift rule, effect size reported. Frozen metadata;
 * run a method through `driftTest`.
 */
export const DRIFT_METHODS: Readonly<Record<DriftMethodName, DriftMethod>> = Object.freeze(
  Object.fromEntries(
    Object.entries(IMPLEMENTATIONS).map(([name, impl]) => [name, describe(impl)]),
  ) as Record<DriftMethodName, DriftMethod>,
);

/** DRIFT_METHOD_NAMES lists every method name, in registry order. */
export const DRIFT_METHOD_NAMES: readonly DriftMethodName[] = Object.freeze(
  Object.keys(IMPLEMENTATIONS) as DriftMethodName[],
);

/** isDriftMethodName tells whether a string names a registered drift method (case-sensitive). */
export function isDriftMethodName(name: string): name is DriftMethodName {
  return Object.hasOwn(IMPLEMENTATIONS, name);
}

/** methodImplementation returns the implementation behind a registered name. @internal */
export function methodImplementation(name: DriftMethodName): DriftMethodImpl {
  return IMPLEMENTATIONS[name];
}
