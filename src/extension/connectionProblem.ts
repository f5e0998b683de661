import type { OpenFailureKind, OpenResult } from '../cluster/kubeGateway';
import type { ApiFailure } from '../core/kube/apiResult';
import type { NextStep } from './nextSteps';

/** Why the extension could not talk to the cluster, in full, and what to do next. No `vscode` import. */
export interface ConnectionProblem {
  readonly kind: OpenFailureKind | 'unreachable' | 'tls' | 'unauthorized' | 'timeout';
  /** A few words: "Cannot load the kubeconfig". */
  readonly title: string;
  /** The whole reason, as the gateway or the server gave it (already redacted by the gateway). */
  readonly reason: string;
  /** What to do, in a sentence or two. */
  readonly advice: string;
  readonly steps: readonly NextStep[];
}

type OpenFailure = Extract<OpenResult, { ok: false }>;

const OPEN_PROBLEMS: Readonly<Record<OpenFailureKind, Omit<ConnectionProblem, 'kind' | 'reason'>>> = {
  'no-kubeconfig': {
    title: 'No kubeconfig found',
    advice: 'Select the kubeconfig of your RKE2 cluster, or set rke2Calico.kubeconfig. Without one the extension looks at KUBECONFIG, ~/.kube/config and /etc/rancher/rke2/rke2.yaml (RKE2 servers). The file is only read.',
    steps: ['selectKubeconfig', 'openSettings', 'showLogs'],
  },
  unreadable: {
    title: 'Cannot load the kubeconfig',
    advice: 'Check that the file is a kubeconfig (YAML with clusters, contexts and users) that this user may read, or select another one. In a remote window the path is on the remote machine.',
    steps: ['selectKubeconfig', 'openSettings', 'showLogs'],
  },
  'no-contexts': {
    title: 'The kubeconfig has no contexts',
    advice: 'Select a kubeconfig with at least one context (on an RKE2 server, /etc/rancher/rke2/rke2.yaml).',
    steps: ['selectKubeconfig', 'showLogs'],
  },
  'unknown-context': {
    title: 'The context is not in the kubeconfig',
    advice: 'Select one of the contexts the kubeconfig has (rke2Calico.context names one it lacks).',
    steps: ['selectContext', 'openSettings', 'showLogs'],
  },
  'bad-cluster': {
    title: "The context's cluster cannot be used",
    advice: "Fix the context's cluster entry (its server must be an https URL), or select another context or kubeconfig.",
    steps: ['selectContext', 'selectKubeconfig', 'showLogs'],
  },
};

/** A kubeconfig that could not be opened. */
export function problemFromOpen(failure: OpenFailure): ConnectionProblem {
  return { kind: failure.kind, reason: failure.error, ...OPEN_PROBLEMS[failure.kind] };
}

/**
 * A read of the cluster (the node list, read first and by every check) that failed because the cluster could not be
 * reached or would not talk to us; undefined for failures the checks themselves explain (forbidden, not found…).
 */
export function problemFromRead(failure: ApiFailure, target: { readonly context: string; readonly server: string }): ConnectionProblem | undefined {
  const where = `${target.server} (context ${target.context})`;
  switch (failure.kind) {
    case 'unreachable':
      return failure.cause === 'tls'
        ? {
            kind: 'tls',
            title: "The API server's certificate does not verify",
            reason: failure.message,
            advice: `The kubeconfig's certificate-authority does not match the certificate ${where} presents. Use the kubeconfig the cluster wrote (on an RKE2 server /etc/rancher/rke2/rke2.yaml carries the right certificate-authority-data), or select the right context.`,
            steps: ['selectKubeconfig', 'selectContext', 'showLogs'],
          }
        : {
            kind: 'unreachable',
            title: 'Cannot reach the API server',
            reason: failure.message,
            advice: `Check that ${where} is reachable from this machine (VPN, firewall, proxy) and that the API server runs. In a remote window the cluster is reached from the remote machine.`,
            steps: ['runCheck', 'selectContext', 'openSettings', 'showLogs'],
          };
    case 'unauthorized':
      return {
        kind: 'unauthorized',
        title: 'The credentials were rejected (401 Unauthorized)',
        reason: failure.message,
        advice: `${where} does not accept the kubeconfig's token or client certificate: it expired or belongs to another cluster. Refresh the kubeconfig (on an RKE2 server, /etc/rancher/rke2/rke2.yaml), or select another one.`,
        steps: ['selectKubeconfig', 'selectContext', 'showLogs'],
      };
    case 'timeout':
      return {
        kind: 'timeout',
        title: 'The API server did not answer in time',
        reason: failure.message,
        advice: `Check the network to ${where}, or raise rke2Calico.requestTimeoutSeconds for a slow or distant cluster.`,
        steps: ['runCheck', 'openSettings', 'showLogs'],
      };
    default:
      return undefined;
  }
}

/** One paragraph: the title, the whole reason and the advice. */
export function describeProblem(problem: ConnectionProblem): string {
  return `${problem.title}: ${problem.reason.replace(/[.\s]+$/, '')}. ${problem.advice}`;
}
