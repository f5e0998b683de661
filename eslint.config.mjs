import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    // The core is plain TypeScript: the CLI, the tests and support bundles use it without an editor.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not depend on VS Code; put editor code in src/extension.' }],
        patterns: [{ group: ['**/extension/**', '**/cli/**', '**/cluster/**'], message: 'src/core depends on nothing outside src/core.' }],
      }],
    },
  },
  ...[
    // Everything but the editor adapters runs without VS Code (CLI, CI, support bundles): only src/extension may
    // import `vscode`, and each layer imports only the layers below it.
    { folder: 'cluster', below: ['core'], above: ['host', 'bundle', 'cli', 'extension'] },
    { folder: 'host', below: ['core'], above: ['cluster', 'bundle', 'cli', 'extension'] },
    { folder: 'bundle', below: ['core', 'host'], above: ['cluster', 'cli', 'extension'] },
    { folder: 'cli', below: ['core', 'cluster', 'host', 'bundle'], above: ['extension'] },
  ].map(({ folder, below, above }) => ({
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: `src/${folder} runs without VS Code; put editor code in src/extension.` }],
        patterns: [{ group: above.map((layer) => `**/${layer}/**`), message: `src/${folder} may import only src/${below.join(', src/')}.` }],
      }],
    },
  })),
  {
    // The editor is reached through the seam (src/extension/editorApis.ts), so unit tests can stand in for it.
    files: ['src/extension/**/*.ts'],
    ignores: ['src/extension/editorApis.ts'],
    rules: {
      'no-restricted-properties': ['error', ...['window', 'workspace', 'commands', 'languages', 'env'].map((property) => ({
        object: 'vscode',
        property,
        message: `Use the EditorApis given to you (src/extension/editorApis.ts), not vscode.${property}.`,
      }))],
    },
  },
  {
    // node:test's describe/it return promises that the runner itself awaits.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-floating-promises': 'off' },
  },
  {
    // The stand-in for the vscode module (test/fakes) declares its own classes and enums: values cross between
    // them and @types/vscode's declarations by design, structurally.
    files: ['test/fakes/**/*.ts', 'test/unit/extension/**/*.ts', 'test/hardening/extensionLog.test.ts', 'test/integration/explainConnection.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/no-unsafe-enum-assignment': 'off',
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs', 'test/**/*.mjs', 'eslint.config.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: globals.node,
    },
  },
);
