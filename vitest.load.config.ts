import { defineConfig } from 'vitest/config';

/** `npm run test:load`: the slow load test on the embedded stack, kept out of `npm test`. */
export default defineConfig({
  test: {
    include: ['test/load/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
