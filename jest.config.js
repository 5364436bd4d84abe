/**
 * `npm test` runs this: the unit suites, in-process. Types are checked once by `tsc --noEmit` beside
 * it; jest only transpiles (sucrase), which keeps it fast.
 *
 * A suite that starts processes (the app as cdktf runs it, the CLIs, npm, git, eslint) is an
 * integration suite: name it `*.integration.test.ts` beside the code it tests, or put it in
 * `__tests__/integration/`. `npm run test:integration` (jest.integration.config.js) runs those, and CI
 * runs both.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/integration/', '\\.integration\\.test\\.ts$'],
  transform: { '^.+\\.ts$': '@sucrase/jest-plugin' },
  // cdktf's zip archiver on first use, not at every load of cdktf (__tests__/archiver-on-first-use.js)
  moduleNameMapper: { '^archiver$': '<rootDir>/__tests__/archiver-on-first-use.js' },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  cacheDirectory: '<rootDir>/.jest-cache',
  // One worker per core, not jest's default of cores - 1: the main process only collects results, and
  // on the 2-core reference machine the suite took 27 s with two workers against 37-41 s with one.
  maxWorkers: '100%',
};
