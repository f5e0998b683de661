import * as vscode from 'vscode';
import { resolveEndpoint, type EndpointRef } from '../../core/policy/connectionQuery';
import type { ExplanationContext } from '../../core/policy/explanationMarkdown';
import type { PolicyInputs } from '../../core/policy/policyInputs';
import type { Traffic } from '../../core/policy/policyModel';
import { CommandError } from '../commandRunner';
import { describeProblem, problemFromOpen } from '../connectionProblem';
import { loadLintEngine } from '../loadLintEngine';
import { askTraffic, pickClusterEndpoint, pickFileEndpoint } from '../policy/endpointPicker';
import { readWorkspacePolicyInputs, type WorkspacePolicyInputs } from '../policy/workspacePolicyInputs';
import { showMarkdownReport } from '../reportDocuments';
import type { Services } from '../services';

interface Question {
  readonly from: EndpointRef;
  readonly to: EndpointRef;
  readonly traffic: Traffic;
}

/** A read the explanation could not make, worded as the checks word it: "unknown: forbidden — …". */
function gapWarning(gap: string): string {
  const kind = /: (forbidden|unauthorized|timeout|unreachable|cancelled|malformed)\b/.exec(gap)?.[1];
  return kind === undefined ? `could not read ${gap}` : `unknown: ${kind} — could not read ${gap}`;
}

function refText(ref: EndpointRef): string {
  return ref.kind === 'pod' ? `${ref.namespace}/${ref.name}` : ref.kind === 'host' ? `hep/${ref.name}` : ref.ip;
}

/**
 * "Explain Connection…": why can (or can't) a source reach a destination on a port? Against the cluster (the two
 * namespaces involved only, GET and namespace-scoped lists, through the session's reader) or, with no kubeconfig
 * or when chosen, offline on the workspace's policy files with pods from a file. The answer opens as a read-only
 * Markdown preview that walks the tiers of each direction.
 */
export function explainConnectionCommand(services: Services): () => Promise<void> {
  const { apis, session, config, documents, log } = services;

  const basis = async (): Promise<'cluster' | 'files' | undefined> => {
    if (session.kubeconfig() === undefined) return 'files';
    const picked = await apis.window.showQuickPick(
      [
        { label: '$(cloud) Cluster', description: 'GET only, the namespaces involved', value: 'cluster' as const },
        { label: '$(files) Workspace policy files', description: 'offline, pods from a file', value: 'files' as const },
      ],
      { title: 'Explain connection: against' },
    );
    return picked?.value;
  };

  const ask = async (pick: (role: string) => Promise<EndpointRef | undefined>): Promise<Question | undefined> => {
    const from = await pick('Source');
    if (!from) return undefined;
    const to = await pick('Destination');
    if (!to) return undefined;
    const traffic = await askTraffic(apis.window);
    return traffic ? { from, to, traffic } : undefined;
  };

  const explain = async (question: Question, inputs: PolicyInputs, context: ExplanationContext): Promise<void> => {
    const engine = loadLintEngine();
    const source = resolveEndpoint(question.from, inputs.endpoints);
    const destination = resolveEndpoint(question.to, inputs.endpoints);
    if (!source.ok) throw new CommandError(source.error, [], 'warning');
    if (!destination.ok) throw new CommandError(destination.error, [], 'warning');
    const explanation = engine.evaluateConnection(source.value, destination.value, question.traffic, engine.preparePolicies(inputs));
    log.info(`explain ${refText(question.from)} → ${refText(question.to)}: ${explanation.allowed ? 'allowed' : 'denied'} (${explanation.deciding.decision.summary})`);
    await showMarkdownReport(apis.commands, documents, `explain-${refText(question.from)}-to-${refText(question.to)}`, engine.explanationToMarkdown(explanation, context));
  };

  const onCluster = async (): Promise<void> => {
    const opened = await session.open();
    if (!opened.ok) {
      const problem = problemFromOpen(opened);
      throw new CommandError(describeProblem(problem), problem.steps);
    }
    const engine = loadLintEngine();
    const reader = opened.reader;
    // Source and destination are picked from the same lists: each is read once per command.
    let namespaces: ReturnType<typeof engine.listNamespaceChoices> | undefined;
    const pods = new Map<string, ReturnType<typeof engine.listPodChoices>>();
    const reads = {
      namespaces: () => (namespaces ??= engine.listNamespaceChoices(reader)),
      pods: (namespace: string) => {
        const listed = pods.get(namespace) ?? engine.listPodChoices(reader, namespace);
        pods.set(namespace, listed);
        return listed;
      },
    };
    const question = await ask((role) => pickClusterEndpoint(apis.window, reads, role));
    if (!question) return;
    const read = await apis.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Reading the policies of ${refText(question.from)} and ${refText(question.to)}`, cancellable: true }, async (_progress, token) => {
      const controller = new AbortController();
      const listening = token.onCancellationRequested(() => controller.abort());
      try {
        const live = await engine.readLivePolicyInputs(reader, [question.from, question.to], controller.signal);
        return controller.signal.aborted ? undefined : live;
      } finally {
        listening.dispose();
      }
    });
    if (!read) return;
    log.info(`explain: ${read.requests} requests`);
    const endpointGaps = read.gaps.filter((gap) => /^(pod|host endpoint) /.test(gap));
    if (endpointGaps.length > 0) throw new CommandError(endpointGaps.map(gapWarning).join('; '), ['showLogs'], 'warning');
    await explain(question, read.inputs, { basis: `cluster ${reader.identity.context} (GET only, ${read.requests} requests)`, warnings: read.gaps.map(gapWarning) });
  };

  const onFiles = async (): Promise<void> => {
    const engine = loadLintEngine();
    const gather = (extra: readonly vscode.Uri[]): Thenable<WorkspacePolicyInputs> =>
      apis.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Reading the policy files of the workspace' }, () => readWorkspacePolicyInputs(apis.workspace, engine, config.mayReadWorkspaceFiles, extra));
    let gathered = await gather([]);
    if (!gathered.inputs.endpoints.some((endpoint) => endpoint.kind === 'pod')) {
      const choice = await apis.window.showInformationMessage('The workspace holds no pods. Pick a file of pods (kubectl get pods -A -o yaml) to explain against?', 'Pick Pods File…');
      if (choice === 'Pick Pods File…') {
        const picked = await apis.window.showOpenDialog({ canSelectMany: true, openLabel: 'Use as pods', filters: { 'Pods (YAML or JSON)': ['yaml', 'yml', 'json'] } });
        if (picked && picked.length > 0) gathered = await gather(picked);
      }
    }
    const { inputs, warnings, files } = gathered;
    const question = await ask((role) => pickFileEndpoint(apis.window, inputs.endpoints, role));
    if (!question) return;
    await explain(question, inputs, { basis: `${files} workspace file(s), offline: ${inputs.policies.length} policies, ${inputs.endpoints.length} endpoints`, warnings });
  };

  return async () => {
    const chosen = await basis();
    if (chosen === 'cluster') await onCluster();
    else if (chosen === 'files') await onFiles();
  };
}
