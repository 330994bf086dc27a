import lwcConfig from '@salesforce/eslint-config-lwc';
import jestPlugin from 'eslint-plugin-jest';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default [
  {
    ignores: [
      'node_modules/**',
      'coverage/**',
      'preview/dist/**',
      'test-results/**',
      'scripts/checks/fixtures/**',
      '.sf/**',
      '.sfdx/**'
    ]
  },
  // LWC: Salesforce's recommended rules (platform restrictions, LWC pitfalls).
  ...lwcConfig.configs.recommended.map((config) => ({
    ...config,
    files: ['force-app/**/lwc/**/*.js', 'preview/e2e/fixtures/lwc/**/*.js', 'scripts/jest/stubs/**/*.js']
  })),
  {
    files: ['force-app/**/lwc/**/__tests__/**/*.js'],
    plugins: { jest: jestPlugin },
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: { ...jestPlugin.configs['flat/recommended'].rules, '@lwc/lwc/no-unexpected-wire-adapter-usages': 'off' }
  },
  // TypeScript tooling: CLI, checks, preview.
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['scripts/**/*.ts', 'preview/**/*.ts'] })),
  {
    files: ['scripts/**/*.ts', 'preview/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['*.js', 'scripts/**/*.js', 'preview/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser }, sourceType: 'module' }
  }
];
