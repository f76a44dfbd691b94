// Lint: type-checked typescript-eslint rules, and the import ban that keeps the language service pure.
import tseslint from 'typescript-eslint';

/** What the pure language service may never import: editor APIs and I/O. */
const PURE_PATHS = [
  { name: 'vscode', message: 'The language service is pure: no VS Code API.' },
  { name: 'vscode-languageserver', message: 'The language service is pure: use vscode-languageserver-types.' },
  { name: 'vscode-languageserver/node', message: 'The language service is pure: no LSP connection.' },
];
const NO_IO = { group: ['node:*', 'fs', 'path', 'child_process', 'http', 'https', 'net'], message: 'The language service takes text and returns data: no I/O.' };

/** What only the parser (plist/) and the document model (model/) may import: the rows and their fast paths. */
const ROW_LEVEL_MODULES = ['**/plist/table', '**/plist/hashSlots', '**/plist/chunkedList', '**/plist/sourceKeyIndex', '**/plist/tree', '**/model/rows', '**/model/duplicates'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.e2e-tools/**', 'out/**', 'test-results/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: PURE_PATHS,
        patterns: [NO_IO],
      }],
    },
  },
  {
    // The parser's rows and their helpers are the model's to read: rules and features go through model/'s API.
    files: ['server/src/service/**/*.ts'],
    ignores: ['server/src/service/plist/**', 'server/src/service/model/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: PURE_PATHS,
        patterns: [
          NO_IO,
          { group: ROW_LEVEL_MODULES, message: 'Rows are the document model\'s: read documents through model/documentModel (or the node tree).' },
        ],
      }],
      'no-restricted-syntax': ['error', {
        selector: "MemberExpression[property.name=/^(table|entryList)$/]",
        message: 'Rows are the document model\'s: read documents through model/documentModel (or the node tree).',
      }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
