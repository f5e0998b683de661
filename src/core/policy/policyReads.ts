import type { ClusterRead } from '../checks/clusterReads';

/**
 * Every read `explain` and the editor's "Explain connection…" make against a cluster, as RBAC rules (cluster-wide:
 * the namespaces are the ones asked about). The editor lists the namespaces, and the pods of the one namespace
 * picked, to offer them; then all GET: two pods, their two namespaces, the Kubernetes and Calico NetworkPolicies of
 * those namespaces only, the GlobalNetworkPolicies and Tiers; a host endpoint or the global network sets only when
 * one side is one; service accounts only when a policy of those namespaces selects by service account.
 */
export const POLICY_READS: readonly ClusterRead[] = [
  { apiGroup: '', resource: 'pods', verbs: ['get', 'list'], usedBy: 'explain: the source and destination pods; Explain connection… lists the pods of the one namespace picked; policy diagnostics list the pods of a policy file\'s namespaces when connected' },
  { apiGroup: '', resource: 'namespaces', verbs: ['get', 'list'], usedBy: 'explain: labels of the two namespaces (namespaceSelector); Explain connection… lists the namespaces to pick from' },
  { apiGroup: '', resource: 'serviceaccounts', verbs: ['get'], usedBy: 'explain: labels of the pods\' service accounts, only when a policy selects by service account' },
  { apiGroup: 'networking.k8s.io', resource: 'networkpolicies', verbs: ['list'], usedBy: 'explain: Kubernetes NetworkPolicies of the two namespaces' },
  { apiGroup: 'crd.projectcalico.org', resource: 'networkpolicies', verbs: ['list'], usedBy: 'explain: Calico NetworkPolicies of the two namespaces' },
  { apiGroup: 'crd.projectcalico.org', resource: 'globalnetworkpolicies', verbs: ['list'], usedBy: 'explain: Calico GlobalNetworkPolicies' },
  { apiGroup: 'crd.projectcalico.org', resource: 'tiers', verbs: ['list'], usedBy: 'explain: tier order and default action' },
  { apiGroup: 'crd.projectcalico.org', resource: 'hostendpoints', verbs: ['get'], usedBy: 'explain: a host endpoint named as source or destination' },
  { apiGroup: 'crd.projectcalico.org', resource: 'globalnetworksets', verbs: ['list'], usedBy: 'explain: network sets an address may belong to, only when one side is an address' },
];
