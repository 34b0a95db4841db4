/** @type {import('jest').Config} npm run test:failover — Sentinel failover with real processes (slow: ~1 min). */
const base = require('./jest.config');
module.exports = { ...base, testMatch: ['**/*.failover.ts'], globalSetup: undefined, globalTeardown: undefined, testTimeout: 120000, maxWorkers: 1 };
