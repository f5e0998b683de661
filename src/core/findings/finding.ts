import type { Severity } from '../knowledge/knownIssue';

/** A span of one file's text as 0-based UTF-16 offsets, end exclusive. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

export interface TextEdit extends TextSpan {
  readonly newText: string;
}

/** A fix the editor offers as a quick fix; the CLI shows its title. */
export interface FindingFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Why this edit alone may leave things inconsistent (it mixes releases): the editor never offers it as preferred. */
  readonly caution?: string;
}

/** Another place that explains a finding, possibly in another file. */
export interface RelatedLocation {
  readonly file: string | undefined;
  readonly span: TextSpan;
  readonly message: string;
  /** 0-based line/character of the span when it lies in another file (whose text the reader may not have). */
  readonly range?: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
}

/** One problem found in a file: the same object feeds the Problems panel, the CLI and SARIF. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: TextSpan;
  /** Known-issue id (`rancher/rke2#7808`) when the finding is an instance of one. */
  readonly knownIssue?: string;
  /** Where to read more about the finding's code (the known issue's URL for affected versions). */
  readonly url?: string;
  readonly fix?: FindingFix;
  readonly related?: readonly RelatedLocation[];
}

/** Finding codes and what each one means; the CLI's SARIF rules and the docs read this table. */
export const FINDING_CODES = {
  'calico-affected-version': 'A pinned or implied RKE2, rke2-calico chart, tigera-operator or Calico version carries a known issue.',
  'yaml-syntax': 'The YAML does not parse.',
  'policy-invalid': 'A network policy field Calico rejects: an invalid selector expression, port, CIDR or action.',
  'policy-selects-nothing': 'A network policy whose selector selects none of the known workloads.',
  'policy-rule-shadowed': 'A policy rule that an earlier rule of the same policy always matches first.',
  'policy-named-port-missing': 'A rule names a port that no pod the policy selects has.',
  'policy-direction-default-deny': 'A policy whose types make a direction default-deny without any rule for it.',
  'policy-redundant': 'A network policy whose removal changes no connection between the known workloads.',
  'policy-rule-redundant': 'A policy rule whose removal changes no connection between the known workloads.',
  'policy-order-conflict': 'Two Calico policies of the same order that select common workloads, one allowing what the other denies: Calico then applies them by name.',
  'unknown-key': 'A key that RKE2 (or the rke2-calico chart) does not know; it is ignored or rejected.',
  'unsupported-key': 'A K3s flag that RKE2 does not accept.',
  'invalid-type': 'A value of the wrong type for its key.',
  'invalid-value': 'A value RKE2, the chart or the operator rejects or that contradicts another setting.',
  'invalid-cidr': 'A malformed, overlapping or mis-ordered CIDR.',
  'conflicting-append': 'A key without the "+" append suffix replaces a value an earlier "key+" appended (in RKE2\'s merge order of config.yaml and config.yaml.d).',
  'config-disagreement': 'Configs of one cluster set a flag that must match on all servers (cluster-cidr, service-cidr, cni) differently.',
  'ignored-document': 'A second YAML document in an RKE2 config file, which RKE2 never reads.',
  'template-not-checked': 'Part of a template is not YAML until it is rendered, so it was not checked.',
  'ippool-cidr-mismatch': 'A Calico IP pool CIDR that is not the cluster-cidr RKE2 is configured with.',
  'version-unknown': 'A version that cannot be checked because it is not pinned or not in the release matrix.',
  'file-skipped': 'A file that was not linted (binary, too large, too complex or unreadable), or findings past a cap.',
  'checksum-offload-enabled': "A featureDetectOverride that drops RKE2's ChecksumOffloadBroken=true, turning VXLAN checksum offload back on (projectcalico/calico#8746, #11435).",
  'dataplane-unsupported': 'A Calico dataplane (eBPF, nftables) the RKE2 release does not support yet.',
  'dataplane-incomplete': 'A Calico dataplane setting that is missing what RKE2 documents it needs (eBPF without disable-kube-proxy or the API server endpoint; nftables hostPorts without iptables).',
} as const;

export type FindingCode = keyof typeof FINDING_CODES;
