#!/usr/bin/env node
// check-docs enforces STYLE.md section 8: every exported declaration in a package's src has a TSDoc
// comment whose first sentence starts with the symbol's name (index.ts re-exports are exempt).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const DECL =
  /^export\s+(?:declare\s+)?(?:async\s+)?(?:function\*?|const|let|class|interface|type|enum|abstract\s+class)\s+([A-Za-z_$][\w$]*)/;

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'testdata') walk(p, out);
    } else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const problems = [];
for (const pkg of readdirSync(join(root, 'packages'))) {
  const src = join(root, 'packages', pkg, 'src');
  for (const file of walk(src, [])) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const m = DECL.exec(line);
      if (!m) return;
      const name = m[1];
      // Walk back to the start of the preceding comment block, if any.
      let j = i - 1;
      while (j >= 0 && lines[j].trim() === '') j--;
      if (j < 0 || !lines[j].trim().endsWith('*/')) {
        problems.push(`${relative(root, file)}:${i + 1}: exported ${name} has no TSDoc comment`);
        return;
      }
      let k = j;
      while (k >= 0 && !lines[k].includes('/**')) k--;
      const text = lines
        .slice(k, j + 1)
        .join(' ')
        .replace(/\/\*\*|\*\/|^\s*\*|\s\*\s/g, ' ')
        .trim();
      if (k < 0 || !text.startsWith(name)) {
        problems.push(
          `${relative(root, file)}:${i + 1}: the TSDoc of ${name} must start with "${name}"`,
        );
      }
    });
  }
}
if (problems.length > 0) {
  for (const p of problems) console.error(p);
  console.error(`${problems.length} exported declarations lack a TSDoc starting with their name`);
  process.exit(1);
}
console.log('docs: every export has a TSDoc comment starting with its name');
