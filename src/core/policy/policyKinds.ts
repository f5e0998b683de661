/**
 * Which files the policy model reads, told from the text before any YAML is parsed (YAML `kind: X`, JSON
 * `"kind": "X"`, also mid-line as in a one-line JSON list): cheap enough to ask of every open document.
 */
const KIND = String.raw`(?:^|[{,\s])["']?kind["']?\s*:\s*["']?`;
const END = String.raw`["']?\s*(?:$|[,}#])`;
const POLICY = 'NetworkPolicy|GlobalNetworkPolicy|AdminNetworkPolicy|BaselineAdminNetworkPolicy|Profile';
const INPUT = `${POLICY}|Tier|Pod|PodList|List|Namespace|NamespaceList|ServiceAccount|HostEndpoint|WorkloadEndpoint|NetworkSet|GlobalNetworkSet`;

const POLICY_KIND = new RegExp(`${KIND}(?:${POLICY})${END}`, 'm');
const POLICY_INPUT_KIND = new RegExp(`${KIND}(?:${INPUT})${END}`, 'm');

/** The text states a policy kind. */
export function mentionsPolicyKind(text: string): boolean {
  return POLICY_KIND.test(text);
}

/** The text states a kind explaining a connection reads: a policy, tier, pod, namespace, endpoint or network set. */
export function mentionsPolicyInput(text: string): boolean {
  return POLICY_INPUT_KIND.test(text);
}
