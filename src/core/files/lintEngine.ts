/**
 * Everything the editor needs that parses YAML — linting, workspace facts, YAML output, support-bundle analysis — in
 * one module: the editor loads it on first use (dist/lint.js, required lazily), so the YAML parser costs nothing at
 * activation.
 */
export { lintFile, notCheckedInEditorFor } from './lintFile';
export { EDITOR_LINT_BUDGET_MS, EDITOR_MAX_CHARS, fitsLintBudget, HEAD_CHARS } from './lintBudget';
export { gatherWorkspaceFacts, WorkspaceFactsCollector } from './workspaceContext';
export { stringify as stringifyYaml } from 'yaml';
export { openBundle } from '../../bundle/openBundle';
export { bundleSet } from '../../bundle/bundleSet';
export { readNodeBundles } from '../../bundle/readNodeBundles';
// Network policy: reading policy files and clusters, explaining one connection (Explain connection…).
export { addPolicyDocuments } from '../policy/policyDocuments';
export { PolicyInputCollector } from '../policy/policyInputs';
export { readLivePolicyInputs } from '../policy/livePolicyReads';
export { listNamespaceChoices, listPodChoices } from '../policy/connectionChoices';
export { evaluateConnection, preparePolicies } from '../policy/evaluateConnection';
export { explanationToMarkdown } from '../policy/explanationMarkdown';
export { lintPolicyFile, policyNamespacesIn } from '../policy/policyFileLint';
export { mentionsPolicyKind } from '../policy/policyKinds';
export { policyMatrices } from '../policy/policyMatrixReport';
