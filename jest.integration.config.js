/** `npm run test:integration`: the suites that start processes (see jest.config.js), nothing else. */
const unit = require('./jest.config');

module.exports = {
  ...unit,
  testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts', '**/*.integration.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
};
