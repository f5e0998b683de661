/**
 * Everything the editor needs that parses YAML — linting, workspace facts, YAML output, support-bundle analysis — in
 * one module: the editor loads it on first use (dist/lint.js, required lazily), so the YAML parser costs nothing at
 * activation.
 */
export { lintFile } from './lintFile';
export { gatherWorkspaceFacts } from './workspaceContext';
export { stringify as stringifyYaml } from 'yaml';
export { openBundle } from '../../bundle/openBundle';
export { bundleSet } from '../../bundle/bundleSet';
export { readNodeBundles } from '../../bundle/readNodeBundles';
