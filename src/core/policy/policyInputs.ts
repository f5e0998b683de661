import { readCalicoPolicy, readProfile, readTier } from './calicoPolicyReader';
import { readHostEndpoint, readNamespace, readNetworkSet, readPod, readServiceAccount, readWorkloadEndpoint } from './endpointReader';
import { readKubernetesPolicy } from './kubernetesPolicyReader';
import type { Endpoint, Namespace, NetworkSet, Policy, PolicySet, Profile, ServiceAccount, Tier } from './policyModel';
import { IssueSink, isRecord, listAt, recordAt, stringAt, type ReadIssue } from './readIssues';
import { ADMIN_TIER, BASELINE_ADMIN_TIER } from './tierDefaults';
import { readAdminPolicy } from './adminPolicyReader';

/** Everything read from a set of objects (files or API lists): the policies and the endpoints they can apply to. */
export interface PolicyInputs extends PolicySet {
  readonly endpoints: readonly Endpoint[];
  readonly issues: readonly ReadIssue[];
  /** Objects of kinds this model does not read, by kind, so a caller can say what was left out. */
  readonly ignoredKinds: ReadonlyMap<string, number>;
}

/** Collects objects of any supported kind; `List` objects and `items` arrays are opened. */
export class PolicyInputCollector {
  private readonly policies: Policy[] = [];
  private readonly tiers: Tier[] = [];
  private readonly namespaces: Namespace[] = [];
  private readonly serviceAccounts: ServiceAccount[] = [];
  private readonly networkSets: NetworkSet[] = [];
  private readonly profiles: Profile[] = [];
  private readonly endpoints: Endpoint[] = [];
  private readonly issues: ReadIssue[] = [];
  private readonly ignored = new Map<string, number>();
  private adminTiers = false;

  add(object: unknown, origin?: string, kindHint?: string): void {
    if (Array.isArray(object)) {
      for (const item of object) this.add(item, origin, kindHint);
      return;
    }
    if (!isRecord(object)) return;
    const kind = stringAt(object, 'kind') ?? kindHint;
    if (kind === undefined || kind.endsWith('List')) {
      const itemKind = kind?.endsWith('List') ? kind.slice(0, -'List'.length) : kindHint;
      for (const item of listAt(object, 'items')) this.add(item, origin, itemKind);
      return;
    }
    const name = `${kind} ${stringAt(recordAt(object, 'metadata'), 'namespace') === undefined ? '' : `${stringAt(recordAt(object, 'metadata'), 'namespace') ?? ''}/`}${stringAt(recordAt(object, 'metadata'), 'name') ?? '(unnamed)'}`;
    const sink = new IssueSink(name, origin);
    const apiVersion = stringAt(object, 'apiVersion') ?? '';
    switch (kind) {
      case 'NetworkPolicy':
        this.policies.push(apiVersion.startsWith('networking.k8s.io') ? readKubernetesPolicy(object, sink, origin) : readCalicoPolicy(object, false, sink, origin));
        break;
      case 'GlobalNetworkPolicy':
        this.policies.push(readCalicoPolicy(object, true, sink, origin));
        break;
      case 'AdminNetworkPolicy':
      case 'BaselineAdminNetworkPolicy':
        this.policies.push(readAdminPolicy(object, kind === 'BaselineAdminNetworkPolicy', sink, origin));
        this.adminTiers = true;
        break;
      case 'Tier':
        this.tiers.push(readTier(object));
        break;
      case 'Profile':
        this.profiles.push(readProfile(object, sink));
        break;
      case 'Pod':
        this.endpoints.push(readPod(object));
        break;
      case 'WorkloadEndpoint':
        this.endpoints.push(readWorkloadEndpoint(object, sink));
        break;
      case 'HostEndpoint':
        this.endpoints.push(readHostEndpoint(object));
        break;
      case 'Namespace':
        this.namespaces.push(readNamespace(object));
        break;
      case 'ServiceAccount':
        this.serviceAccounts.push(readServiceAccount(object));
        break;
      case 'NetworkSet':
      case 'GlobalNetworkSet':
        this.networkSets.push(readNetworkSet(object, kind === 'GlobalNetworkSet', sink));
        break;
      default:
        this.ignored.set(kind, (this.ignored.get(kind) ?? 0) + 1);
    }
    this.issues.push(...sink.issues);
  }

  result(): PolicyInputs {
    const tiers = [...this.tiers];
    if (this.adminTiers) for (const tier of [ADMIN_TIER, BASELINE_ADMIN_TIER]) if (!tiers.some((known) => known.name === tier.name)) tiers.push(tier);
    return { policies: this.policies, tiers, namespaces: this.namespaces, serviceAccounts: this.serviceAccounts, networkSets: this.networkSets, profiles: this.profiles, endpoints: this.endpoints, issues: this.issues, ignoredKinds: this.ignored };
  }
}
