import { readFileSync, statSync } from 'node:fs';
import { describeKubeconfigChoice, discoverKubeconfig } from '../cluster/kubeconfigDiscovery';
import { loadGateway } from '../cluster/loadGateway';
import { terminalField } from '../core/checks/checkReport';
import { describeRequest, type RequestEvent } from '../core/kube/requestEvent';
import { elapsedMs } from '../core/log/logger';
import { parseEndpointRef, parseTraffic, resolveEndpoint, type EndpointRef } from '../core/policy/connectionQuery';
import { evaluateConnection, preparePolicies } from '../core/policy/evaluateConnection';
import { explanationToText } from '../core/policy/explanationText';
import { namespaceMatrix, namespaceMatrixToText } from '../core/policy/namespaceMatrix';
import { readLivePolicyInputs } from '../core/policy/livePolicyReads';
import { addPolicyDocuments } from '../core/policy/policyDocuments';
import { PolicyInputCollector, type PolicyInputs } from '../core/policy/policyInputs';
import { redactSecrets } from '../core/report/redactSecrets';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CommandIo } from './cliIo';
import { startCommand, usageError, type CommandSpec } from './commandArgs';
import { collectYamlFiles } from './walkFiles';

export const EXPLAIN_USAGE = `Usage: rke2-calico-diag explain --from SRC --to DST --port PORT [--format text|json] [--all-policies]
         [--policies DIR|FILE]... [--pods FILE]... | [--kubeconfig F] [--context C] [--timeout S]
       rke2-calico-diag explain --matrix --port PORT --policies DIR|FILE... --pods FILE... [--format text|json]

Why can (or can't) SRC reach DST? Follows Calico's evaluation: egress at the source, then ingress at the
destination; in each, the tiers in order, the policies of a tier that select the endpoint in order, the first rule
that matches (Allow, Deny, Pass to the next tier, Log goes on), the implicit deny at the end of a tier that selected
the endpoint, and the namespace and service-account profiles. Kubernetes NetworkPolicy, Calico NetworkPolicy and
GlobalNetworkPolicy, AdminNetworkPolicy and BaselineAdminNetworkPolicy, Tiers, Profiles, HostEndpoints and
(Global)NetworkSets are read.

SRC and DST are namespace/pod, hep/NAME (a Calico HostEndpoint) or an IP address. PORT is 8080/TCP, 53/UDP,
8080 (TCP), ICMP, ICMP:8 (type), ICMP:8/0 (type/code), ICMPv6:128 or proto:NUMBER.

Offline (--policies and/or --pods): policy files or folders of a GitOps repository (YAML, walked recursively; JSON
files given by name), and the pods (kubectl get pods -o yaml/json), namespaces, host endpoints in them or in --pods.
Live (otherwise): reads the cluster of the kubeconfig with GET only, in the two namespaces involved only: the two
pods and namespaces, their Kubernetes and Calico NetworkPolicies, GlobalNetworkPolicies and Tiers (10 requests).

--matrix (offline) prints which namespaces can reach which on PORT: allowed, denied, or partial (some pods), asking
one pod of each distinct set of labels per namespace.

Exit codes: 0 allowed (--matrix: printed), 1 denied, 2 bad usage or input, or the cluster could not be read
completely.`;

const SPEC: CommandSpec<'text' | 'json'> = { name: 'explain', usage: EXPLAIN_USAGE, values: ['from', 'to', 'port', 'policies', 'pods', 'kubeconfig', 'context', 'timeout'], flags: ['all-policies', 'matrix'], formats: ['text', 'json'] };

/** Pod lists of large clusters are big; anything beyond this is not a policy repository. */
const MAX_INPUT_BYTES = 256 * 1024 * 1024;

function readOffline(paths: readonly string[]): { inputs: PolicyInputs; errors: string[] } {
  const collector = new PolicyInputCollector();
  const errors: string[] = [];
  const { files, missing, unreadable } = collectYamlFiles(paths);
  errors.push(...missing.map((path) => `no such file or folder: ${path}`), ...unreadable.map((folder) => `cannot read ${folder.path}: ${folder.reason}`));
  for (const { path } of files) {
    try {
      const size = statSync(path).size;
      if (size > MAX_INPUT_BYTES) {
        errors.push(`${path}: larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB`);
        continue;
      }
      errors.push(...addPolicyDocuments(readFileSync(path, 'utf8'), path, collector));
    } catch (error) {
      errors.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { inputs: collector.result(), errors };
}

/** `--matrix`: the namespace connectivity matrix of a repository's policies and pod list. */
function runMatrix(policies: readonly string[], pods: readonly string[], portText: string | undefined, format: 'text' | 'json', io: CommandIo): number {
  if (portText === undefined || policies.length + pods.length === 0) return usageError(io, SPEC, '--matrix needs --port and --policies/--pods (offline)');
  const traffic = parseTraffic(portText);
  if (!traffic.ok) return usageError(io, SPEC, terminalField(traffic.error));
  const offline = readOffline([...policies, ...pods]);
  if (offline.errors.length > 0) {
    io.stderr(offline.errors.map((error) => `rke2-calico-diag explain: ${terminalField(error)}\n`).join(''));
    return EXIT_USAGE;
  }
  const matrix = namespaceMatrix(offline.inputs.endpoints, preparePolicies(offline.inputs), traffic.value);
  io.stdout(format === 'json' ? JSON.stringify(matrix, null, 2) + '\n' : namespaceMatrixToText(matrix).split('\n').map(terminalField).join('\n') + '\n');
  return EXIT_OK;
}

export async function runExplainCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const started = startCommand(argv, io, SPEC);
  if (!started.ok) return started.code;
  const { args } = started;
  const text = (name: string): string | undefined => {
    const value = args.options.get(name);
    return typeof value === 'string' ? value : undefined;
  };
  if (args.positionals.length > 0) return usageError(io, SPEC, `unexpected argument "${terminalField(args.positionals[0] ?? '')}"`);
  if (args.options.has('matrix')) return runMatrix(args.repeated.get('policies') ?? [], args.repeated.get('pods') ?? [], text('port'), started.format, io);
  const fromText = text('from');
  const toText = text('to');
  const portText = text('port');
  if (fromText === undefined || toText === undefined || portText === undefined) return usageError(io, SPEC, '--from, --to and --port are required');
  const from = parseEndpointRef(fromText);
  const to = parseEndpointRef(toText);
  const traffic = parseTraffic(portText);
  for (const parsed of [from, to, traffic]) if (!parsed.ok) return usageError(io, SPEC, terminalField(parsed.error));
  if (!from.ok || !to.ok || !traffic.ok) return EXIT_USAGE;
  const refs: EndpointRef[] = [from.value, to.value];
  const offlinePaths = [...(args.repeated.get('policies') ?? []), ...(args.repeated.get('pods') ?? [])];
  let inputs: PolicyInputs;
  const warnings: string[] = [];
  const readStarted = performance.now();
  if (offlinePaths.length > 0) {
    const offline = readOffline(offlinePaths);
    if (offline.errors.length > 0) {
      io.stderr(offline.errors.map((error) => `rke2-calico-diag explain: ${terminalField(error)}\n`).join(''));
      return EXIT_USAGE;
    }
    inputs = offline.inputs;
  } else {
    const timeoutText = text('timeout') ?? '15';
    const timeoutSeconds = Number(timeoutText);
    if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) return usageError(io, SPEC, '--timeout takes a number of seconds');
    const choice = discoverKubeconfig(text('kubeconfig'), 'argument', process.env);
    if (!choice) {
      io.stderr('rke2-calico-diag explain: no kubeconfig found (looked at --kubeconfig, KUBECONFIG, ~/.kube/config and /etc/rancher/rke2/rke2.yaml); pass --kubeconfig, or --policies and --pods to explain offline.\n');
      return EXIT_USAGE;
    }
    io.log.info(describeKubeconfigChoice(choice));
    const gateway = await loadGateway();
    const opened = gateway.openCluster(choice, text('context'), { ...gateway.DEFAULT_TUNING, timeoutMs: timeoutSeconds * 1000, observer: (event: RequestEvent) => io.log.info(describeRequest(event)) });
    if (!opened.ok) {
      io.stderr(`rke2-calico-diag explain: ${terminalField(redactSecrets(opened.error))}\n`);
      return EXIT_USAGE;
    }
    const live = await readLivePolicyInputs(opened.reader, refs);
    io.log.info(`explain: ${live.requests} requests`);
    if (live.gaps.some((gap) => /^(pod|host endpoint) /.test(gap))) {
      io.stderr(live.gaps.map((gap) => `rke2-calico-diag explain: cannot read ${terminalField(redactSecrets(gap))}\n`).join(''));
      return EXIT_USAGE;
    }
    warnings.push(...live.gaps.map((gap) => `could not read ${gap}: the answer may be wrong`));
    inputs = live.inputs;
  }
  io.log.info(`explain: inputs read in ${elapsedMs(readStarted)} ms (${inputs.policies.length} policies, ${inputs.endpoints.length} endpoints)`);
  const source = resolveEndpoint(from.value, inputs.endpoints);
  const destination = resolveEndpoint(to.value, inputs.endpoints);
  for (const resolved of [source, destination]) {
    if (!resolved.ok) {
      io.stderr(`rke2-calico-diag explain: ${terminalField(resolved.error)}\n`);
      return EXIT_USAGE;
    }
  }
  if (!source.ok || !destination.ok) return EXIT_USAGE;
  warnings.push(...inputs.issues.map((issue) => `${issue.object} ${issue.path}: ${issue.message}`));
  const explanation = evaluateConnection(source.value, destination.value, traffic.value, preparePolicies(inputs));
  if (started.format === 'json') io.stdout(JSON.stringify({ ...explanation, warnings }, null, 2) + '\n');
  else {
    // Names and selectors come from files and clusters: no control characters reach the terminal.
    io.stdout(explanationToText(explanation, args.options.has('all-policies')).split('\n').map(terminalField).join('\n'));
    if (warnings.length > 0) io.stdout(`Warnings:\n${warnings.map((warning) => `  ${terminalField(warning)}`).join('\n')}\n`);
  }
  return explanation.allowed ? EXIT_OK : EXIT_FINDINGS;
}
