// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import noForeignWrites from './eslint-rules/no-foreign-writes.js'

export default tseslint.config(
  { ignores: ['node_modules', 'data', 'coverage', 'test-results', 'migrations/meta', '.tmp', 'src/platform/views/static'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  {
    // The platform and the pure helpers know nothing of the domain (ADR 0002).
    files: ['src/platform/**', 'src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**'], message: 'platform/ and shared/ never import modules/' }] },
      ],
    },
  },
  {
    // A module writes only its own tables (ADR 0002); reading across goes through a declared read surface,
    // which .dependency-cruiser.cjs checks.
    files: ['src/modules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { local: { rules: { 'no-foreign-writes': noForeignWrites } } },
    rules: { 'local/no-foreign-writes': 'error' },
  },
  {
    // Rooms of a readable size (docs/conventions.md). Data files (the demo's transcribed records) are exempt.
    files: ['src/**/*.ts'],
    ignores: ['**/*.test.ts', 'src/demo/demo-*.ts'],
    rules: {
      'max-lines': ['error', { max: 600 }],
      'max-lines-per-function': ['error', { max: 150 }],
    },
  },
  {
    files: ['test/**', 'e2e/**', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  { files: ['eslint.config.js', 'eslint-rules/**', '.dependency-cruiser.cjs'], ...tseslint.configs.disableTypeChecked },
)
