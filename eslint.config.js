// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

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
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**'], message: 'platform/ and shared/ never import modules/' }] },
      ],
    },
  },
  {
    // modules may import each other's services and the platform
    files: ['src/modules/**', 'src/app.ts', 'src/schema.ts', 'src/services.ts', 'src/main.ts', 'src/cli.ts', 'test/**', 'e2e/**', 'scripts/**', 'bench/**', 'src/demo/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/**', 'e2e/**', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  { files: ['eslint.config.js'], ...tseslint.configs.disableTypeChecked },
)
