import lwcJest from '@salesforce/sfdx-lwc-jest/config.js';

const { jestConfig } = lwcJest;

export default {
  ...jestConfig,
  roots: ['<rootDir>/force-app'],
  moduleNameMapper: {
    ...jestConfig.moduleNameMapper,
    // The preview needs LWC 9 at the top level, whose entry is ESM-only; jest loads its CommonJS build.
    '^@lwc/engine-dom$': '<rootDir>/node_modules/@lwc/engine-dom/dist/index.cjs',
    '^lwc$': '<rootDir>/node_modules/@lwc/engine-dom/dist/index.cjs',
    // sfdx-lwc-jest stubs the lightning-modal-* helpers but not lightning/modal itself.
    '^lightning/modal$': '<rootDir>/scripts/jest/stubs/modal/modal.js',
    // The one contract-fixture folder (DESIGN §5), shared with the preview and the CLI.
    '^contract/(.*)$': '<rootDir>/scripts/contract/$1',
    // What the suites share (render, flush, clean-up): outside force-app, so never packaged nor taken for a suite.
    '^lwc-test-utils$': '<rootDir>/scripts/jest/lwcTestUtils.js'
  },
  setupFilesAfterEnv: [...(jestConfig.setupFilesAfterEnv ?? []), '<rootDir>/scripts/jest/sa11y-setup.js'],
  testPathIgnorePatterns: ['/node_modules/'],
  // npm test runs jest beside other suites, and axe scans take seconds on a busy 2-core machine (a file's first test
  // took 20-50 s under load average 14): the limit only stops a hung test, it asserts nothing.
  testTimeout: 120_000
};
