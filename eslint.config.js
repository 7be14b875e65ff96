import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.data/'] },
  js.configs.recommended,
  // Type-aware: floating promises, unsafe any, misused promises are errors, not review comments.
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly', fetch: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Ports return promises; an implementation that needs no await is still async on purpose.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The click's path: in Node 20's V8 an object literal that adds properties after a spread
    // ({ ...a, b }, { ...a, ...b }) costs microseconds, some 30 times { b, ...a } or Object.assign,
    // and a click built several (README, "A click is one round trip").
    files: ['src/core/quiz/quiz-service.ts', 'src/views/quiz-views.ts', 'src/core/learning/*.ts', 'src/store/redis-*.ts', 'src/store/records.ts', 'src/adapters/discord/render.ts', 'src/adapters/discord/respond.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ObjectExpression > SpreadElement ~ :matches(Property, SpreadElement)', message: 'On the click path, put the spread last or use Object.assign: properties after a spread are slow in V8.' },
      ],
    },
  },
  {
    // vitest's asymmetric matchers (expect.stringContaining, expect.any) are typed `any`.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
);
