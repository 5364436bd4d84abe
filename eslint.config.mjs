// ESLint (typescript-eslint, syntax rules only: `tsc --noEmit` already checks types, and type-aware
// linting would load the provider typings a second time).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// A provider package root (or its lib/index) loads every one of its ~1,500 resource modules: 10x slower synth.
const PROVIDER_ROOT = '^@cdktf/provider-(azurerm|azuread|time)(/lib(/index(\\.js)?)?)?/?$';
const ROOT_IMPORT_MESSAGE = 'import the class from its module path, such as @cdktf/provider-azurerm/lib/eventhub, never the package root';
const rootLiteral = (parent) => ({
  selector: `${parent} Literal[value=/${PROVIDER_ROOT.replace(/\//g, '\\/')}/]`,
  message: ROOT_IMPORT_MESSAGE,
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'cdktf.out/', '.xdr-*/', 'coverage/', '.jest-cache/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: PROVIDER_ROOT, message: ROOT_IMPORT_MESSAGE }] }],
      // require(), import() and `import('...')` types, which no-restricted-imports does not see.
      'no-restricted-syntax': [
        'error',
        rootLiteral("CallExpression[callee.name='require'] >"),
        rootLiteral('ImportExpression >'),
        rootLiteral('TSImportType'),
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests walk synthesized JSON, whose shape is what they assert, and feed control characters on purpose.
    files: ['__tests__/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-control-regex': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
