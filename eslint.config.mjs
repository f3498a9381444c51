// ESLint flat config for Muxdeck.
//
// - @eslint/js recommended + typescript-eslint recommended everywhere;
//   type-aware rules (recommendedTypeChecked) on the TypeScript files that
//   tsconfig.node.json / tsconfig.web.json include, via the project service.
// - react-hooks rules for the renderer.
// - Layering (ARCHITECTURE.md §1, §7) enforced with no-restricted-imports:
//     src-main/**        no `electron` except in src-main/index.ts
//     src-renderer/**    no `electron`, no Node builtins, nothing from src-main,
//                        from src-preload only the contract (api.ts, bridge.d.ts)
//     src-preload/api.ts only `zod`
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const JS_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs'];

// Files some tsconfig includes: only these get type-aware rules (a file outside
// every tsconfig would be a parsing error under the project service).
const TYPED_FILES = [
  'src-main/**/*.ts',
  'src-preload/**/*.ts',
  'src-renderer/**/*.ts',
  'src-renderer/**/*.tsx',
  'tests/**/*.ts',
  'scripts/**/*.ts',
  'electron.vite.config.ts',
  'vitest.config.mts',
  'playwright.config.ts',
];

const escapeRegex = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// `electron` and its subpaths (electron/main, electron/renderer, ...), and electron-updater,
// which requires Electron when loaded.
const ELECTRON = '^electron(-updater)?(/.*)?$';
// Every Node builtin: `node:*` and the bare names (fs, fs/promises, child_process, ...).
const NODE_BUILTINS = `^(node:.*|${builtinModules
  .filter((m) => !m.startsWith('node:') && !m.startsWith('_'))
  .map(escapeRegex)
  .join('|')})$`;

const MSG_MAIN_ELECTRON =
  'Only src-main/index.ts boots Electron; inject Electron-only things (dialogs, shell, safeStorage, ...) as ports (ARCHITECTURE.md §1).';
const MSG_RENDERER =
  'The renderer is sandboxed web code: it talks only to the contract in src-preload/api.ts (ARCHITECTURE.md §1, §7).';

// Node-ish globals for plain JS files (bin/, scripts/, config files).
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'Buffer',
    'URL',
    'URLSearchParams',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'setImmediate',
    'clearImmediate',
    'queueMicrotask',
    'structuredClone',
    'fetch',
    'AbortController',
    'AbortSignal',
    'TextEncoder',
    'TextDecoder',
    'performance',
    'crypto',
    'Blob',
    'EventTarget',
    'Event',
    'MessageChannel',
    'atob',
    'btoa',
  ].map((name) => [name, 'readonly']),
);
const commonjsGlobals = {
  require: 'readonly',
  module: 'writable',
  exports: 'writable',
  __dirname: 'readonly',
  __filename: 'readonly',
};

export default defineConfig(
  {
    name: 'muxdeck/ignores',
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      'tests/bench/results/**',
    ],
  },
  {
    name: 'muxdeck/linter-options',
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'muxdeck/all',
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    name: 'muxdeck/js',
    files: JS_FILES,
    languageOptions: { globals: nodeGlobals },
  },
  {
    name: 'muxdeck/cjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: commonjsGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Type-aware rules where a tsconfig covers the file.
  {
    name: 'muxdeck/typed',
    files: TYPED_FILES,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Ipc/WebSocket handlers and React event handlers may be async.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/only-throw-error': 'error',
    },
  },
  {
    name: 'muxdeck/tests',
    files: ['tests/**'],
    rules: {
      // Mocks and fixtures: let tests poke at loosely typed things (still no explicit `any`).
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  // React renderer.
  {
    name: 'muxdeck/renderer-react-hooks',
    files: ['src-renderer/**/*.{ts,tsx,js,jsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
  },

  // ---------------------------------------------------------------------------
  // Layering.
  {
    name: 'muxdeck/layering/main',
    files: ['src-main/**'],
    ignores: ['src-main/index.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: ELECTRON, message: MSG_MAIN_ELECTRON }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^electron(-updater)?(\\u002F.*)?$/]',
          message: MSG_MAIN_ELECTRON,
        },
      ],
    },
  },
  {
    name: 'muxdeck/layering/renderer',
    files: ['src-renderer/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: ELECTRON, message: MSG_RENDERER },
            {
              regex: NODE_BUILTINS,
              message: `Node builtins are not available in the renderer. ${MSG_RENDERER}`,
            },
            // src-main by any route: ../src-main, ../../src-main/x, /abs/src-main, src-main/x
            { regex: '(^|/)src-main(/|$)', message: `Never import main-process code. ${MSG_RENDERER}` },
            // from src-preload only the contract (api.ts) and its window typing (bridge.d.ts)
            {
              regex: '(^|/)src-preload(/(?!(api|bridge)(\\.d)?(\\.ts)?$)|$)',
              message: `From src-preload only the contract (api.ts) may be imported. ${MSG_RENDERER}`,
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/^(electron|node:)|(^|\\u002F)src-main(\\u002F|$)/]',
          message: MSG_RENDERER,
        },
      ],
    },
  },
  {
    name: 'muxdeck/layering/contract',
    files: ['src-preload/api.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod(/.*)?$)',
              message:
                'src-preload/api.ts is THE contract and may import only zod: main, preload and renderer all load it.',
            },
          ],
        },
      ],
    },
  },
);
