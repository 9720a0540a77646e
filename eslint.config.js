// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Folders that form the pure core: no browser, DOM or wxt imports allowed there. */
const PURE_CORE = [
  'utils/detect/**',
  'utils/policy/**',
  'utils/decide.ts',
  'utils/mask.ts',
  'utils/log/event.ts',
  'utils/log/chain.ts',
  'utils/log/export.ts',
  'utils/log/filter.ts',
];

export default tseslint.config(
  { ignores: ['node_modules', '.output', '.wxt', 'dist', 'coverage', '.demo'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        atob: 'readonly',
        btoa: 'readonly',
        Buffer: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        Blob: 'readonly',
        crypto: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: PURE_CORE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['wxt', 'wxt/*', '#imports'], message: 'The pure core must not import wxt.' },
            {
              group: ['webextension-polyfill', '@wxt-dev/*', 'idb', 'preact', 'preact/*'],
              message: 'The pure core must not import browser or UI libraries.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'browser', message: 'The pure core must not use browser APIs.' },
        { name: 'chrome', message: 'The pure core must not use browser APIs.' },
        { name: 'window', message: 'The pure core must not use the DOM.' },
        { name: 'document', message: 'The pure core must not use the DOM.' },
        { name: 'navigator', message: 'The pure core must not use the DOM.' },
        { name: 'indexedDB', message: 'The pure core must not use IndexedDB.' },
        { name: 'localStorage', message: 'The pure core must not use web storage.' },
      ],
    },
  },
);
