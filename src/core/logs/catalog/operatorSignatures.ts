/** The tigera-operator, which RKE2's rke2-calico chart deploys to install and upgrade Calico. */
import type { LogSignature } from '../logSignature';

export const OPERATOR_SIGNATURES: readonly LogSignature[] = [
  {
    id: 'pod-admission-refused',
    severity: 'error',
    title: 'Pods refused by admission (PodSecurity or PodSecurityPolicy)',
    meaning: 'A ReplicaSet or DaemonSet could not create its pods: PodSecurity admission (the namespace\'s enforce level) or a PodSecurityPolicy refused them. For tigera-operator or calico-node this means Calico is never installed or never runs on the nodes, and everything after it — the Installation, ClusterInformation, the CNI — follows.',
    remediation: 'Label the namespace (tigera-operator, calico-system) pod-security.kubernetes.io/enforce=privileged, or on PodSecurityPolicy clusters bind a privileged policy to the service account; then the controller creates the pods on its next try.',
    matches: [
      { trigger: 'Error creating: pods', pattern: 'Error creating: pods .{0,200}is forbidden: .{0,40}(PodSecurityPolicy|violates PodSecurity|pod security)' },
      { trigger: 'violates PodSecurity', pattern: 'violates PodSecurity "(restricted|baseline)' },
    ],
    source: 'Kubernetes ReplicaSet/DaemonSet controllers (FailedCreate "Error creating: %v"), PodSecurity admission (staging/src/k8s.io/pod-security-admission: "violates PodSecurity %q"), PodSecurityPolicy admission ("unable to admit pod")',
  },
  {
    id: 'operator-kind-missing',
    severity: 'error',
    title: 'Calico or operator CRD missing',
    meaning: 'The API server does not know a Calico kind (Installation, APIServer, FelixConfiguration, IPPool…): the CRDs of rke2-calico-crd are missing, e.g. removed by a failed chart upgrade (rancher/rke2#4711).',
    remediation: 'kubectl get crd | grep -E "tigera|projectcalico"; check the helm-install-rke2-calico-crd job log; re-run it by deleting the job (RKE2 recreates it) or reinstall the rke2-calico-crd chart.',
    matches: [{ trigger: 'no matches for kind', pattern: 'no matches for kind .{0,100}(operator.tigera.io|projectcalico.org)' }],
    source: 'Kubernetes API discovery error ("no matches for kind %q in version %q"); rancher/rke2#4711',
  },
  {
    id: 'operator-failed',
    severity: 'error',
    title: 'tigera-operator stopped',
    meaning: 'The tigera-operator\'s controller manager failed (it could not start, or its informers never synced, typically because a CRD it watches is missing or RBAC denies a list/watch). Calico is then neither installed nor upgraded.',
    remediation: 'Read the operator log lines before this one; check the Calico CRDs and the tigera-operator ClusterRole; kubectl get tigerastatus.',
    matches: [
      { trigger: 'problem running manager', pattern: 'problem running manager' },
      { trigger: 'unable to start manager', pattern: 'unable to start manager' },
      { trigger: 'caches to sync', pattern: 'failed to wait for .{0,100}caches to sync' },
      { trigger: 'Failed to ensure CRDs', pattern: 'Failed to ensure CRDs are created' },
    ],
    source: 'tigera/operator cmd/main.go; kubernetes-sigs/controller-runtime ("failed to wait for %s caches to sync")',
  },
  {
    id: 'operator-invalid-installation',
    severity: 'error',
    title: 'tigera-operator rejected the Installation',
    meaning: 'The Installation resource (rendered from the rke2-calico chart\'s `installation:` values and your HelmChartConfig) is invalid, so the operator does not install or update Calico. The error names the field.',
    remediation: 'Fix the named field in the rke2-calico HelmChartConfig valuesContent (for example a single nodeAddressAutodetectionV4 method) and let the helm-install job re-run.',
    matches: [{ trigger: 'Invalid Installation provided', pattern: 'Invalid Installation provided' }],
    source: 'tigera/operator pkg/controller/installation (validation); rancher/rke2#3107',
  },
  {
    id: 'operator-reconcile-error',
    severity: 'warning',
    title: 'tigera-operator could not reconcile a component',
    meaning: 'A tigera-operator controller failed to apply part of the Calico installation; it retries, and TigeraStatus shows the component as degraded until it succeeds. The error in the line names the object and the reason (RBAC, an invalid object, a missing CRD).',
    remediation: 'kubectl get tigerastatus; read the "error" field of the line; fix what it names.',
    matches: [{ trigger: 'Reconciler error', pattern: '.msg.{1,4}Reconciler error' }],
    source: 'kubernetes-sigs/controller-runtime ("Reconciler error"); tigera/operator controllers; tigera/operator#2287',
  },
  {
    id: 'calico-apiserver-unavailable',
    severity: 'warning',
    title: 'The Calico API server (projectcalico.org/v3) is not serving',
    meaning: 'The aggregated projectcalico.org/v3 API is registered but the calico-apiserver behind it does not answer, so clients (kubectl, kube-controller-manager\'s garbage collector, namespace deletion) log errors for that group and calicoctl-style v3 objects cannot be read.',
    remediation: 'kubectl get apiservice v3.projectcalico.org and the calico-apiserver pods; if the API server is not wanted (RKE2\'s chart can disable it), make sure its APIService was removed too.',
    matches: [
      { trigger: 'projectcalico.org/v3', pattern: "(couldn't get resource list for |unable to retrieve the complete list of server APIs: )projectcalico.org/v3" },
    ],
    source: 'kubernetes client-go discovery errors; projectcalico/calico#8041',
  },
  {
    id: 'operator-migration-stuck',
    severity: 'error',
    title: 'tigera-operator migration stuck',
    meaning: 'The operator is waiting for the old kube-system calico-node DaemonSet to be ready with its new nodeSelector while it migrates Calico to calico-system.',
    remediation: 'Check the kube-system calico-node DaemonSet and the operator logs.',
    matches: [{ trigger: 'migrating resources', pattern: 'error migrating resources to calico-system' }],
    source: 'tigera/operator (core migration); projectcalico/calico#6407',
  },
];
