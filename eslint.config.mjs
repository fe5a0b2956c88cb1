import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', '.bench-out/**', 'node_modules/**', 'coverage/**', 'data/**', '*.js', '*.mjs', 'scripts/**/*.js', 'src/**/*.browser.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../*'], message: 'Use absolute src/... imports.' }] }],
    },
  },
  {
    // Loaded by jest's globalSetup, where moduleNameMapper does not apply.
    files: ['test/support/global-setup.ts', 'test/support/test-database.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The crypto module runs in browsers and the CLI too: no framework, no Node-only modules.
    files: ['src/crypto/**/*.ts'],
    ignores: ['src/crypto/**/*.spec.ts', 'src/crypto/native/**'],
    rules: {
      // Bare module names go in `paths`: as gitignore-style patterns, 'crypto' would also match
      // every src/crypto/** import.
      'no-restricted-imports': ['error', {
        paths: ['fs', 'path', 'crypto'].map((name) => ({ name, message: 'src/crypto is pure TypeScript on @noble/* only.' })),
        patterns: [
          { group: ['@nestjs/*', 'typeorm', 'node:*', 'src/!(crypto)/**'], message: 'src/crypto is pure TypeScript on @noble/* only.' },
        ],
      }],
    },
  },
  {
    // The scan and adjudication pages' browser code: plain JavaScript served as written, type-checked by tsc
    // (// @ts-check, DOM library), which also knows the browser globals no-undef does not.
    files: ['src/intake-page/assets/**/*.js', 'src/adjudication-page/assets/**/*.js', 'src/admin-console/assets/**/*.js'],
    rules: {
      'no-undef': 'off',
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!\\./[a-z-]+\\.js$)', message: 'The scan page loads only its own files (./name.js): no packages, no server code.' }],
      }],
    },
  },
  {
    // The voter pages' browser code, the same way; the crypto they need comes from the bundle
    // (./booth-crypto.js, typed by booth-crypto.d.ts), never from src/ directly.
    files: ['src/booth-page/assets/**/*.js'],
    rules: {
      'no-undef': 'off',
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!\\./[a-z-]+\\.js$)', message: 'The voter pages load only their own files (./name.js): no packages, no server code.' }],
      }],
    },
  },
  {
    // The trustee page's browser code, the same way: its own files and the voter pages' helpers
    // (served beside it), the crypto from its bundle (./trustee-crypto.js).
    files: ['src/trustee-page/assets/**/*.js'],
    rules: {
      'no-undef': 'off',
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!\\./[a-z-]+\\.js$)', message: 'The trustee page loads only its own files (./name.js): no packages, no server code.' }],
      }],
    },
  },
  {
    // The browser bundles' entries: src/crypto only, like the crypto module itself.
    files: ['src/booth-page/browser/**/*.ts', 'src/trustee-page/browser/**/*.ts'],
    ignores: ['src/booth-page/browser/**/*.spec.ts', 'src/trustee-page/browser/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['@nestjs/*', 'typeorm', 'node:*', 'src/!(crypto)/**', 'src/crypto/native/**'], message: 'The browser bundle holds src/crypto on @noble/* only.' }],
      }],
    },
  },
  {
    // The record verifier must not share code paths with the server (DESIGN.md §9).
    files: ['src/verify/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@nestjs/*', 'typeorm'], message: 'The verifier depends only on src/crypto and the record format.' },
          { regex: '^src/(?!crypto/|verify/)', message: 'The verifier depends only on src/crypto and the record format.' },
        ],
      }],
    },
  },
);
