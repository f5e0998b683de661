/** What each command's --help shows last: the commands people run first, ready to copy. */
export const COMMAND_EXAMPLES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  versions: [
    ['rke2-calico-diag versions v1.32.4+rke2r1', 'known Calico issues of an RKE2 release'],
    ['rke2-calico-diag versions v3.29.2 --kind calico', 'the same for a Calico release'],
    ['rke2-calico-diag versions v1.36.7 --kind operator --format json', 'a tigera-operator release, as JSON'],
  ],
  lint: [
    ['rke2-calico-diag lint .', 'every RKE2 and Calico file under this folder'],
    ['rke2-calico-diag lint /etc/rancher/rke2 /var/lib/rancher/rke2/server/manifests', "a server's config and manifests"],
    ['rke2-calico-diag lint infra/ --format sarif > lint.sarif', 'for GitHub code scanning'],
    ['rke2-calico-diag lint . --max-warnings 0 --rke2-version v1.32.4+rke2r1', 'CI: fail on any warning, judged for a release'],
  ],
  check: [
    ['rke2-calico-diag check', 'the current kubeconfig context (and this node on an RKE2 server)'],
    ['rke2-calico-diag check --problems', 'only what fails, warns or is unknown'],
    ['rke2-calico-diag check --context prod --format json', 'another context, as JSON'],
    ['rke2-calico-diag check --watch 300', 'follow a new cluster while it initialises'],
    ['rke2-calico-diag check --all-contexts', 'every context of the kubeconfig, as one fleet table'],
  ],
  logs: [
    ['rke2-calico-diag logs calico-node.log', 'known failure lines in a saved log'],
    ['kubectl logs -n calico-system ds/calico-node -c calico-node | rke2-calico-diag logs -', 'straight from kubectl'],
    ['journalctl -u rke2-server --since -1h | rke2-calico-diag logs -', "the RKE2 service's journal"],
  ],
  bundle: [
    ['rke2-calico-diag bundle server-1-2025-02-19_14_30_00.tar.gz', 'one support bundle'],
    ['rke2-calico-diag bundle bundles/', 'one bundle per node of a cluster, read together'],
  ],
  schema: [
    ['rke2-calico-diag schema > rke2-config.schema.json', 'for an editor or a CI validator'],
  ],
  explain: [
    ['rke2-calico-diag explain --from shop/web-0 --to shop/db-0 --port 5432/TCP', 'live, with the current kubeconfig'],
    ['rke2-calico-diag explain --from shop/web-0 --to shop/db-0 --port 5432/TCP --policies policies/ --pods pods.yaml', 'offline'],
    ['rke2-calico-diag explain --matrix --port 80/TCP --policies policies/ --pods pods.yaml', 'which namespaces reach which'],
  ],
  rbac: [
    ['rke2-calico-diag rbac | kubectl apply -f -', 'the read-only RBAC for check --in-cluster'],
    ['rke2-calico-diag rbac --namespace diagnostics', 'in another namespace'],
  ],
};

/** The Examples section of a command's --help, or nothing for a command without examples. */
export function examplesSection(command: string): string {
  const examples = COMMAND_EXAMPLES[command] ?? [];
  if (examples.length === 0) return '';
  return ['', 'Examples:', ...examples.flatMap(([line, what]) => [`  # ${what}`, `  ${line}`])].join('\n');
}
