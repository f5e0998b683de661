import type { Cidr } from '../net/cidr';
import type { Labels, Selector } from './selectorSyntax';

/** A port an endpoint names (a container port with a name, or a host endpoint's `ports`). */
export interface NamedPort {
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
}

/**
 * One side of a connection. Pods and host endpoints carry the labels Calico gives them (their own, plus
 * `projectcalico.org/namespace`, `projectcalico.org/orchestrator` and `projectcalico.org/serviceaccount` for pods);
 * an address is anything else (outside the cluster, or a pod not in the inputs) and has no policies of its own.
 */
export type Endpoint =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string; readonly labels: Labels; readonly serviceAccount: string; readonly ips: readonly Cidr[]; readonly namedPorts: readonly NamedPort[] }
  | { readonly kind: 'host'; readonly name: string; readonly node: string; readonly labels: Labels; readonly interfaceName: string; readonly ips: readonly Cidr[]; readonly namedPorts: readonly NamedPort[]; readonly profiles: readonly string[] }
  | { readonly kind: 'address'; readonly ip: Cidr; readonly labels: Labels };

export interface Namespace {
  readonly name: string;
  readonly labels: Labels;
}

export interface ServiceAccount {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
}

/** A labelled set of addresses (NetworkSet, GlobalNetworkSet) that rule selectors can name. */
export interface NetworkSet {
  readonly namespace: string | undefined;
  readonly name: string;
  readonly labels: Labels;
  readonly nets: readonly Cidr[];
}

/** What is asked: `protocol` by name (TCP, UDP, SCTP, ICMP, ICMPv6) or number; `port` for TCP/UDP/SCTP. */
export interface Traffic {
  readonly protocol: string;
  readonly port?: number;
  readonly icmpType?: number;
  readonly icmpCode?: number;
}

export type Direction = 'ingress' | 'egress';
export type RuleAction = 'Allow' | 'Deny' | 'Pass' | 'Log';

/** A port constraint of a rule: a range, or a name resolved on the endpoint it applies to. */
export type PortMatch = { readonly kind: 'range'; readonly from: number; readonly to: number } | { readonly kind: 'named'; readonly name: string };

/** A rule's `source` or `destination` (Calico EntityRule); absent fields constrain nothing. */
export interface EntityMatch {
  readonly nets?: readonly Cidr[];
  readonly notNets?: readonly Cidr[];
  readonly selector?: Selector;
  readonly notSelector?: Selector;
  /** Absent: the policy's own namespace for a namespaced policy, any for a global one. */
  readonly namespaceSelector?: Selector;
  readonly serviceAccountNames?: readonly string[];
  readonly serviceAccountSelector?: Selector;
  readonly ports?: readonly PortMatch[];
  readonly notPorts?: readonly PortMatch[];
}

export interface IcmpMatch {
  readonly type?: number;
  readonly code?: number;
}

export interface PolicyRule {
  readonly action: RuleAction;
  readonly protocol?: string;
  readonly notProtocol?: string;
  readonly icmp?: IcmpMatch;
  readonly notIcmp?: IcmpMatch;
  readonly ipVersion?: 4 | 6;
  readonly source: EntityMatch;
  readonly destination: EntityMatch;
  /** Where the rule came from, as the explanation shows it (`ingress[0] from[1] ports[0]`). */
  readonly origin: string;
}

export type PolicySource = 'NetworkPolicy' | 'GlobalNetworkPolicy' | 'KubernetesNetworkPolicy' | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';

/** A policy as the dataplane sees it: every kind is brought to this shape, as Calico converts them. */
export interface Policy {
  readonly source: PolicySource;
  /** The name Calico shows (`knp.default.<name>` for a Kubernetes NetworkPolicy). */
  readonly name: string;
  readonly namespace: string | undefined;
  readonly tier: string;
  /** Absent: after every policy with an order (Calico sorts a missing order last). */
  readonly order: number | undefined;
  readonly selector: Selector;
  readonly namespaceSelector?: Selector;
  readonly serviceAccountSelector?: Selector;
  readonly types: readonly Direction[];
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
  /** The file or object it was read from, for explanations. */
  readonly origin?: string;
}

export interface Tier {
  readonly name: string;
  readonly order: number | undefined;
  /** What happens to traffic no policy of the tier decided, when the tier selected the endpoint. */
  readonly defaultAction: 'Deny' | 'Pass';
}

/** A profile's rules; Calico gives every namespace and service account one (`kns.<ns>`, `ksa.<ns>.<sa>`). */
export interface Profile {
  readonly name: string;
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
  /** Labels every endpoint using the profile carries, unless it has its own of the same key. */
  readonly labelsToApply: Labels;
}

/** Everything an explanation reads, from files or from the cluster. */
export interface PolicySet {
  readonly policies: readonly Policy[];
  readonly tiers: readonly Tier[];
  readonly namespaces: readonly Namespace[];
  readonly serviceAccounts: readonly ServiceAccount[];
  readonly networkSets: readonly NetworkSet[];
  /** Explicit Profile objects; absent ones of namespaces and service accounts allow everything (Kubernetes mode). */
  readonly profiles: readonly Profile[];
}
