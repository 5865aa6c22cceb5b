// A synthetic 100-case golden set (60 happy, 20 edge, 10 known-failure, 10 adversarial) and the
// stub answers for it: each case asks for an item's code; the right answer names it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Category } from '../../src/index.js';

/** SupportCase is one generated case. */
export interface SupportCase {
  readonly id: string;
  readonly question: string;
  readonly answer: string;
  readonly category: Category;
}

const CATEGORY_PLAN: [Category, number][] = [
  ['happy', 60],
  ['edge', 20],
  ['known-failure', 10],
  ['adversarial', 10],
];

/** supportCases generates `n` cases per the 60/20/10/10 plan scaled to `n` (n multiple of 10). */
export function supportCases(n = 100): SupportCase[] {
  const out: SupportCase[] = [];
  let k = 0;
  for (const [category, share] of CATEGORY_PLAN) {
    for (let j = 0; j < (share * n) / 100; j++, k++) {
      const id = `case-${String(k).padStart(3, '0')}`;
      out.push({
        id,
        category,
        question: `What is the code of item ${k}?`,
        answer: `The code of item ${k} is ZX-${(k * 7919) % 10007} and it ships from warehouse ${k % 9}.`,
      });
    }
  }
  return out;
}

/** writeSupportSet writes the cases as a YAML golden set and returns its path. */
export function writeSupportSet(dir: string, cases: readonly SupportCase[], version = 1): string {
  const doc = {
    name: 'support',
    version,
    defaults: {
      // Every case: close to the reference wording, and never a refusal boilerplate.
      assert: [
        { type: 'rouge-l', threshold: 0.6 },
        { type: 'not-icontains', value: 'as an ai' },
      ],
    },
    cases: cases.map((c) => ({
      id: c.id,
      category: c.category,
      tags: [c.category === 'adversarial' ? 'jailbreak' : 'lookup'],
      input: c.question,
      expected: c.answer,
      // The code itself must be there, whatever the wording.
      assert: [{ type: 'icontains', value: /ZX-\d+/.exec(c.answer)?.[0], weight: 2 }],
    })),
  };
  const path = join(dir, 'support.yaml');
  writeFileSync(path, stringify(doc));
  return path;
}
