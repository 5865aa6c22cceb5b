import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./packages/${p}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      '@vigil/core': src('core'),
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
