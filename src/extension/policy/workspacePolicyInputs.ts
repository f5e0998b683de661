import type * as vscode from 'vscode';
import type { PolicyInputs } from '../../core/policy/policyInputs';
import { mentionsPolicyInput } from '../../core/policy/policyKinds';
import type { WorkspaceApis } from '../editorApis';
import type { loadLintEngine } from '../loadLintEngine';

const CANDIDATE_GLOB = '**/*.{yaml,yml,json}';
const EXCLUDE_GLOB = '**/{node_modules,.git,dist,out}/**';
const MAX_FILES = 5000;
/** Pod lists of large clusters are big; beyond this a file is not a policy repository's. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export interface WorkspacePolicyInputs {
  readonly inputs: PolicyInputs;
  /** Files that did not parse or could not be read, and what was left out. */
  readonly warnings: readonly string[];
  readonly files: number;
}

/**
 * The policies, pods, namespaces and host endpoints of the workspace's files (a GitOps repository) and of `extra`
 * files (a `kubectl get pods -o yaml` picked by the user), read as `explain --policies --pods` reads them. Open
 * documents count with their unsaved text; in Restricted Mode only they are read.
 */
export async function readWorkspacePolicyInputs(workspace: WorkspaceApis, engine: ReturnType<typeof loadLintEngine>, mayReadFiles: boolean, extra: readonly vscode.Uri[]): Promise<WorkspacePolicyInputs> {
  const collector = new engine.PolicyInputCollector();
  const warnings: string[] = [];
  const open = new Map(workspace.textDocuments.map((document) => [document.uri.toString(), document]));
  const uris = mayReadFiles ? await workspace.findFiles(CANDIDATE_GLOB, EXCLUDE_GLOB, MAX_FILES) : [];
  if (!mayReadFiles) warnings.push('Restricted Mode: only the open documents were read');
  const seen = new Set<string>();
  let files = 0;
  const add = (uri: vscode.Uri, text: string): void => {
    // Only files that state a kind the policy model reads are parsed.
    if (!mentionsPolicyInput(text)) return;
    files++;
    warnings.push(...engine.addPolicyDocuments(text, workspace.asRelativePath(uri), collector));
  };
  for (const uri of [...uris, ...extra]) {
    if (seen.has(uri.toString())) continue;
    seen.add(uri.toString());
    const document = open.get(uri.toString());
    if (document) {
      add(uri, document.getText());
      continue;
    }
    try {
      if ((await workspace.stat(uri)).size > MAX_FILE_BYTES) {
        warnings.push(`${workspace.asRelativePath(uri)}: larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB, not read`);
        continue;
      }
      add(uri, new TextDecoder().decode(await workspace.readFile(uri)));
      // Reads may come from a cache without a turn of the event loop: the host gets one after each parse.
      await new Promise<void>((resolve) => setImmediate(resolve));
    } catch (error) {
      warnings.push(`${workspace.asRelativePath(uri)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  for (const [key, document] of open) {
    if (seen.has(key) || !['yaml', 'json'].includes(document.languageId)) continue;
    add(document.uri, document.getText());
  }
  const inputs = collector.result();
  warnings.push(...inputs.issues.map((issue) => `${issue.object} ${issue.path}: ${issue.message}`));
  return { inputs, warnings, files };
}
