/** Types are checked once by `tsc --noEmit` in `npm test`; jest only transpiles, which keeps it fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  cacheDirectory: '<rootDir>/.jest-cache',
};
