// Two projects: `unit` runs once (pure code, crypto, vectors, interop); `db` runs once per
// database (DB=sqlite, DB=postgres) — see package.json scripts.
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
// Paths are resolved by moduleNameMapper under jest.
delete swc.jsc.baseUrl;
delete swc.jsc.paths;
swc.sourceMaps = 'inline';

const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { ...swc, swcrc: false }] },
  // @noble/* ship ES modules only; jest's CommonJS runtime needs them transformed.
  transformIgnorePatterns: ['/node_modules/(?!(@noble)/)'],
  moduleNameMapper: { '^src/(.*)$': '<rootDir>/src/$1', '^test/(.*)$': '<rootDir>/test/$1', '^migrations/(.*)$': '<rootDir>/migrations/$1' },
  testEnvironment: 'node',
};

module.exports = {
  // A guard against hangs, not a speed check (speed is measured in bench/): database tests that
  // build a whole election need more than jest's 5 s on a loaded 2-core runner.
  testTimeout: 30_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'db',
      testMatch: ['<rootDir>/test/db/**/*.spec.ts', '<rootDir>/test/http/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
};
