/**
 * Types are checked once by `tsc --noEmit` in `npm test`; jest only transpiles (sucrase), which keeps
 * it fast. The integration suites (npm pack into a consumer project, the cdktf CLI's --hcl output)
 * spawn the real tools and run separately: `npm run test:integration`, which CI runs too.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/integration/'],
  transform: { '^.+\\.ts$': '@sucrase/jest-plugin' },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  cacheDirectory: '<rootDir>/.jest-cache',
  // One worker per core, not jest's default of cores - 1: the main process only collects results, and
  // on the 2-core reference machine the suite took 27 s with two workers against 37-41 s with one.
  maxWorkers: '100%',
};
