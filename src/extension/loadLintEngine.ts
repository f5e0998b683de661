/**
 * Loads the YAML lint engine on first use. In the extension bundle `../core/files/lintEngine` resolves to an
 * external `./lint.js` beside extension.js (scripts/build.mjs), so activation does not evaluate the YAML parser.
 */
export function loadLintEngine(): typeof import('../core/files/lintEngine') {
  // A require (not import()) so it stays synchronous after the first call and resolves the same in every build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../core/files/lintEngine') as typeof import('../core/files/lintEngine');
}
