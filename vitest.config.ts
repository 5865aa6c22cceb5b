import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./packages/${p}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@vigil/core': src('core'),
      // Subpath before its package: aliases match by prefix, first entry wins.
      '@vigil/contracts/experiment-assign': fileURLToPath(
        new URL('./packages/contracts/src/experiment-assign.ts', import.meta.url),
      ),
      '@vigil/contracts': src('contracts'),
      '@vigil/engine': src('engine'),
      '@vigil/store': src('store'),
      '@vigil/server': src('server'),
      '@vigil/sdk': src('sdk'),
      '@vigil/regress': src('regress'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
