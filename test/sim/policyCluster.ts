import type { EndpointRef } from '../../src/core/policy/connectionQuery';
import { parseObjects, type RawCluster } from './rawCluster';

/**
 * A cluster whose policies make every policy read of `explain` matter: two namespaces with labels, pods with service
 * accounts and named ports, a Kubernetes NetworkPolicy, a Calico NetworkPolicy selecting by service account, a
 * GlobalNetworkPolicy in its own Tier, a HostEndpoint and a GlobalNetworkSet. Namespaces other than shop and ops
 * hold pods and policies the reads must never touch.
 */
const OBJECTS = `
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { team: shop } }
---
apiVersion: v1
kind: Namespace
metadata: { name: ops, labels: { team: ops } }
---
apiVersion: v1
kind: Namespace
metadata: { name: elsewhere }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: web, namespace: shop, labels: { tier: frontend } }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: db, namespace: shop }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: default, namespace: ops }
---
apiVersion: v1
kind: Pod
metadata: { name: web-1, namespace: shop, labels: { app: web } }
spec: { serviceAccountName: web, containers: [ { name: web, ports: [ { name: http, containerPort: 8080 } ] } ] }
status: { podIP: 10.42.0.10 }
---
apiVersion: v1
kind: Pod
metadata: { name: db-1, namespace: shop, labels: { app: db } }
spec: { serviceAccountName: db, containers: [ { name: db, ports: [ { name: pg, containerPort: 5432 } ] } ] }
status: { podIP: 10.42.0.11 }
---
apiVersion: v1
kind: Pod
metadata: { name: probe, namespace: ops, labels: { app: probe } }
spec: { containers: [ { name: probe } ] }
status: { podIP: 10.42.1.10 }
---
apiVersion: v1
kind: Pod
metadata: { name: bystander, namespace: elsewhere, labels: { app: web } }
spec: { containers: [ { name: web } ] }
status: { podIP: 10.42.2.10 }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db-from-web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: db } }
  ingress:
  - from: [ { podSelector: { matchLabels: { app: web } } } ]
    ports: [ { port: pg } ]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: unrelated, namespace: elsewhere }
spec: { podSelector: {} }
---
apiVersion: crd.projectcalico.org/v1
kind: NetworkPolicy
metadata: { name: default.frontend-out, namespace: shop }
spec:
  order: 100
  selector: all()
  serviceAccountSelector: tier == 'frontend'
  types: [ Egress ]
  egress: [ { action: Allow } ]
---
apiVersion: crd.projectcalico.org/v1
kind: Tier
metadata: { name: security }
spec: { order: 100 }
---
apiVersion: crd.projectcalico.org/v1
kind: GlobalNetworkPolicy
metadata: { name: security.blocklist }
spec:
  tier: security
  order: 10
  selector: all()
  ingress: [ { action: Deny, source: { selector: blocked == 'true' } }, { action: Pass } ]
  egress: [ { action: Pass } ]
---
apiVersion: crd.projectcalico.org/v1
kind: GlobalNetworkSet
metadata: { name: scanners, labels: { blocked: 'true' } }
spec: { nets: [ 192.0.2.0/24 ] }
---
apiVersion: crd.projectcalico.org/v1
kind: HostEndpoint
metadata: { name: node-1-eth0, labels: { role: node } }
spec: { node: node-1, interfaceName: eth0, expectedIPs: [ 10.0.0.1 ] }
`;

export function policyCluster(): RawCluster {
  return { objects: parseObjects(OBJECTS), shown: undefined, partial: [], logs: new Map() };
}

/** Connections whose explanation needs every policy read: pods in two namespaces, an address, a host endpoint. */
export const POLICY_QUERIES: readonly { readonly refs: readonly EndpointRef[]; readonly port: string }[] = [
  { refs: [{ kind: 'pod', namespace: 'ops', name: 'probe' }, { kind: 'pod', namespace: 'shop', name: 'db-1' }], port: '5432/TCP' },
  { refs: [{ kind: 'pod', namespace: 'shop', name: 'web-1' }, { kind: 'pod', namespace: 'shop', name: 'db-1' }], port: '5432/TCP' },
  { refs: [{ kind: 'address', ip: '192.0.2.7' }, { kind: 'pod', namespace: 'shop', name: 'db-1' }], port: '5432/TCP' },
  { refs: [{ kind: 'host', name: 'node-1-eth0' }, { kind: 'pod', namespace: 'ops', name: 'probe' }], port: '8080/TCP' },
];
