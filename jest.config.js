/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // jest 29's resolver misses chrono-node's "./*" subpath export (node resolves it).
  moduleNameMapper: { '^chrono-node/fr$': '<rootDir>/node_modules/chrono-node/dist/cjs/locales/fr/index.js' },
  testTimeout: 60000,
  maxWorkers: 2,
};
