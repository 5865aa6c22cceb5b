#!/usr/bin/env node
// check-imports enforces the dependency direction of ARCHITECTURE.md: each package may import only the
// internal packages listed for it, and @vigil/core imports nothing with side effects (no node: modules).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ALLOWED = {
  core: [],
  contracts: ['@vigil/core'],
  engine: ['@vigil/core', '@vigil/contracts'],
  store: ['@vigil/core', '@vigil/contracts'],
  server: ['@vigil/core', '@vigil/contracts', '@vigil/engine', '@vigil/store'],
  cli: ['@vigil/core', '@vigil/server', '@vigil/sdk', '@vigil/regress'],
  sdk: ['@vigil/contracts'],
  regress: ['@vigil/core', '@vigil/contracts'],
};
// The pure core may not touch I/O, the clock or the environment.
const CORE_FORBIDDEN = [
  /^node:/,
  /^(fs|path|os|child_process|http|https|net|process|worker_threads)$/,
];

const root = new URL('..', import.meta.url).pathname;
const IMPORT_RE =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const problems = [];

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

for (const [pkg, allowed] of Object.entries(ALLOWED)) {
  const src = join(root, 'packages', pkg, 'src');
  for (const file of walk(src, [])) {
    const isTest = file.endsWith('.test.ts') || file.includes('/testdata/');
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2];
      const where = relative(root, file);
      if (spec.startsWith('@vigil/') && !allowed.includes(spec.split('/').slice(0, 2).join('/'))) {
        problems.push(`${where}: imports ${spec}, which ${pkg} may not depend on`);
      }
      if (pkg === 'core' && !isTest && CORE_FORBIDDEN.some((re) => re.test(spec))) {
        problems.push(`${where}: imports ${spec}; @vigil/core must stay free of I/O`);
      }
      if (/(^|\/)src\/internal\//.test(spec) && spec.startsWith('@vigil/')) {
        problems.push(`${where}: imports an internal path ${spec}`);
      }
    }
    if (
      pkg === 'core' &&
      !isTest &&
      /\b(process\.env|Date\.now|new Date\(\)|Math\.random)\b/.test(text)
    ) {
      problems.push(
        `${relative(root, file)}: uses the environment, the clock or Math.random; @vigil/core is pure`,
      );
    }
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(`import direction: ok (${Object.keys(ALLOWED).join(', ')})`);
