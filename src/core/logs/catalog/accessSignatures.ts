/**
 * Calico components talking to the API server: authentication (401), authorisation (403), TLS and reachability.
 * 401 and 403 are kept apart on purpose: a 401 is a token problem (expired, not yet valid, wrong issuer), a 403 is
 * RBAC.
 */
import type { LogSignature } from '../logSignature';

const UNREACHABLE_REMEDIATION =
  'Pods reach the API server through the kubernetes service VIP (10.43.0.1:443 by default): check that kube-proxy runs on this node ' +
  '(or the eBPF dataplane replaces it), that host firewalls (firewalld, ufw, cloud security groups) allow the service and pod CIDRs, ' +
  'and, behind a proxy, that containerd/rke2 NO_PROXY includes the cluster-cidr, service-cidr and .svc,.cluster.local.';

export const ACCESS_SIGNATURES: readonly LogSignature[] = [
  {
    id: 'calico-tiers-forbidden',
    severity: 'error',
    title: 'Calico cannot create policy tiers (403)',
    meaning: 'Calico v3.29.0 manifest installs lacked "create" on tiers, so Typha crash-loops. RKE2 installs Calico through the tigera-operator, which grants it (inferred from projectcalico/calico#9446).',
    remediation: 'On manifest installs, move to a Calico release with projectcalico/calico#9454; on RKE2, check the operator-created RBAC.',
    matches: [{ trigger: 'tiers.crd', pattern: 'tiers.crd.projectcalico.org.{0,4} is forbidden' }],
    source: 'projectcalico/calico#9442',
  },
  {
    id: 'cni-token-forbidden',
    severity: 'error',
    title: 'calico-node may not mint the CNI token (403)',
    meaning: 'calico-node could not create the token for the CNI kubeconfig: RBAC forbids serviceaccounts/token for its service account.',
    remediation: 'Check the calico-node ClusterRole (since Calico v3.26 it mints the calico-cni-plugin token with the TokenRequest API).',
    matches: [{ trigger: 'token for CNI', pattern: 'Unable to create token for CNI kubeconfig.{0,400}forbidden' }],
    source: 'projectcalico/calico node/pkg/cni/token_watch.go; tigera/operator#2630',
  },
  {
    id: 'calico-ipam-forbidden',
    severity: 'error',
    title: 'IPAM configuration forbidden (403)',
    meaning: 'A Calico service account may not read ipamconfigs: an RBAC gap, e.g. the tigera-operator v1.42.0 regression (tigera/operator#4855).',
    remediation: 'Check the ClusterRole of the service account named in the message; on tigera-operator v1.42.0 move to a release with tigera/operator#4776.',
    matches: [{ trigger: 'ipamconfigs', pattern: 'ipamconfigs(.crd.projectcalico.org)?.{0,20} is forbidden' }],
    source: 'rancher/rke2#1249; tigera/operator#4855',
  },
  {
    id: 'calico-forbidden',
    severity: 'error',
    title: 'Calico service account forbidden (403)',
    meaning: 'A Calico, Canal or tigera-operator service account is authenticated but RBAC denies it a resource. The operator maintains these ClusterRoles, so a 403 points at an operator/Calico version mismatch, an RBAC regression (e.g. tigera/operator#4855) or RBAC changed by hand.',
    remediation: 'Compare the ClusterRole of the named service account with the operator release\'s; kubectl get tigerastatus; on tigera-operator v1.42.0 see tigera/operator#4855.',
    matches: [
      { trigger: 'is forbidden: User', pattern: 'is forbidden: User .{0,4}system:serviceaccount:[a-z0-9-]{0,60}:(calico|tigera|canal)' },
      { trigger: 'ClusterInformation', pattern: 'ClusterInformation.{0,300}: Forbidden' },
    ],
    source: 'Kubernetes RBAC error text ("… is forbidden: User %q cannot …"); libcalico-go wraps 403s as "connection is unauthorized: … is forbidden"; tigera/operator#4855',
  },
  {
    id: 'apiserver-unreachable',
    severity: 'error',
    title: 'Calico cannot reach the API server',
    meaning: 'A Calico component (CNI, calico-node, Typha, kube-controllers) could not reach the Kubernetes API: the connection to the service VIP timed out, was refused or found no route, or the API answered 503. Calico cannot read ClusterInformation or its config, so pods get no network.',
    remediation: UNREACHABLE_REMEDIATION,
    matches: [
      { trigger: ':443: connect: ', pattern: 'dial tcp [^ ]{1,64}:443: connect: (connection refused|no route to host|connection timed out|network is unreachable)' },
      { trigger: ':443: getsockopt: ', pattern: 'dial tcp [^ ]{1,64}:443: getsockopt: (connection refused|no route to host|connection timed out)' },
      { trigger: ':443: i/o timeout', pattern: 'dial tcp [^ ]{1,64}:443: i/o timeout' },
      { trigger: ':443/api', pattern: ':443/apis?[/?][^ ]{0,300}( |: )(context deadline exceeded|i/o timeout|unexpected EOF|EOF|Service Unavailable|TLS handshake timeout|net/http: request canceled|Client.Timeout exceeded)' },
      { trigger: ':443/api', pattern: ':443/apis?[/?][^ ]{0,300} dial tcp[^ ]{0,64}: (lookup [^ ]{1,100}: )?(i/o timeout|connection refused|no route to host)' },
      { trigger: 'Unable to access datastore', pattern: 'Unable to access datastore' },
      { trigger: 'localhost:8080', pattern: 'localhost:8080/api.{0,120}(connection refused|i/o timeout)' },
      { trigger: 'to initialize', pattern: 'Failed to initialize (Calico )?datastore.{0,400}(i/o timeout|connection refused|no route to host|deadline exceeded|Service Unavailable|TLS handshake timeout|connection timed out|EOF)' },
      { trigger: 'ClusterInformation', pattern: 'ClusterInformation.{0,400}(i/o timeout|connection refused|no route to host|deadline exceeded|Service Unavailable|TLS handshake timeout|connection timed out|unexpected EOF|: EOF)' },
      { trigger: 'client connection lost', pattern: 'http2: client connection lost' },
      { trigger: 'token for CNI', pattern: 'Unable to create token for CNI kubeconfig.{0,400}(dial tcp|i/o timeout|deadline exceeded|connection refused)' },
      { trigger: 'Failed to update CNI token', pattern: 'Failed to update CNI token.{0,400}(dial tcp|i/o timeout|deadline exceeded|connection refused)' },
      { trigger: 'failed to query kubeadm', pattern: 'failed to query kubeadm.{0,400}(i/o timeout|connection refused|no route to host|deadline exceeded)' },
    ],
    source: 'projectcalico/calico cni-plugin/pkg/plugin/plugin.go, typha/pkg/daemon/daemon.go and kube-controllers ("Failed to initialize datastore"); rancher/rke2 and projectcalico/calico threads on the 10.43.0.1 VIP',
  },
  {
    id: 'kube-proxy-node-unknown',
    severity: 'warning',
    title: 'kube-proxy cannot read its Node (persisting)',
    meaning: 'kube-proxy reads its own Node object at start to learn the node\'s IP, retrying for a while: at start-up the kubelet may not have registered the Node yet, or the API server has not finished bootstrapping the RBAC that lets system:kube-proxy read nodes. It is reported only when the log shows it for more than 5 minutes; past that, kube-proxy cannot reach or may not read the API (the error says which) and Services are programmed without the node\'s address.',
    remediation: 'Read the error after "Failed to retrieve node info": not found (does the Node exist under the name kube-proxy uses: hostname-override), forbidden (the system:node-proxier binding), or a dial error (the API server address in kube-proxy\'s kubeconfig).',
    matches: [{ trigger: 'Failed to retrieve node info', pattern: 'Failed to retrieve node info: ' }],
    transient: { graceSeconds: 300 },
    source: 'kubernetes kube-proxy (cmd/kube-proxy/app getNodeIP, v1.7–v1.18: glog.Warningf("Failed to retrieve node info: %v"); pkg/util/node GetNodeIP retrying with backoff, v1.19–v1.22: klog.Errorf)',
  },
  {
    id: 'etcd-datastore-unreachable',
    severity: 'error',
    title: 'Calico (or flannel) cannot use its etcd datastore',
    meaning: 'A component that keeps its data in etcd (Calico with the etcd datastore, flannel before its Kubernetes subnet manager, calicoctl and etcdctl) found no working etcd endpoint: every endpoint it was given timed out, refused or answered something that is not etcd\'s v2 API (a wrong port, a proxy, TLS against a plain endpoint, an etcd v3 server without --enable-v2). Old Calico releases log it at INFO ("Unhandled error: …") right before they stop.',
    remediation: 'Check the etcd endpoints the component is given (etcd_endpoints in the calico-config ConfigMap, ETCD_ENDPOINTS, flannel\'s -etcd-endpoints), that etcd answers on them from the node (`etcdctl --endpoints … endpoint health`), the client certificates, and whether etcd serves the v2 API the client speaks.',
    matches: [
      { trigger: 'etcd cluster is unavailable', pattern: 'etcd cluster is unavailable or misconfigured' },
      { trigger: 'not valid etcd cluster endpoint', pattern: 'response is invalid json\\. The endpoint is probably not valid etcd cluster endpoint' },
    ],
    source: 'etcd v2 client (go.etcd.io/etcd/client: ErrClusterUnavailable "client: etcd cluster is unavailable or misconfigured", ErrInvalidJSON "client: response is invalid json. The endpoint is probably not valid etcd cluster endpoint."), as used by libcalico-go\'s etcd backend, flannel and etcdctl',
  },
  {
    id: 'cni-unauthorized',
    severity: 'error',
    title: 'CNI credentials rejected (401)',
    meaning: "The Calico CNI plugin's token was rejected (HTTP 401 Unauthorized): the CNI kubeconfig token expired or is invalid. This is authentication, not RBAC.",
    remediation: 'Restart calico-node on the node so it writes a fresh CNI kubeconfig token (projectcalico/calico#8777); check the node clock.',
    matches: [{ trigger: 'ClusterInformation', pattern: 'ClusterInformation.{0,40}(connection is unauthorized|Unauthorized)' }],
    source: 'projectcalico/calico#8777, #8379, #5684',
  },
  {
    id: 'felix-datastore-unauthorized',
    severity: 'error',
    title: 'Felix rejected by the API server (401)',
    meaning: 'Felix could not read its configuration: authentication failed.',
    remediation: 'Restart calico-node; check that its service-account token is valid and the node clock is right.',
    matches: [{ trigger: 'config from datastore', pattern: 'Failed to get config from datastore.{0,40}(unauthorized|Unauthorized)' }],
    source: 'projectcalico/calico felix/daemon/daemon.go; projectcalico/calico#4916',
  },
  {
    id: 'network-unavailable-unauthorized',
    severity: 'warning',
    title: 'calico-node cannot clear NetworkUnavailable (401)',
    meaning: 'calico-node could not update the node status, so the node keeps NetworkUnavailable=True.',
    remediation: 'Restart calico-node; check its service-account token.',
    matches: [{ trigger: 'NetworkUnavailable', pattern: '(Failed|Unable) to set NetworkUnavailable.{0,80}Unauthorized' }],
    source: 'projectcalico/calico node/pkg/lifecycle/utils/utils.go; projectcalico/calico#4597',
  },
  {
    id: 'cni-token-refresh-failed',
    severity: 'error',
    title: 'calico-node cannot refresh the CNI token',
    meaning: 'calico-node could not create or refresh the token the CNI plugin uses; once the current token expires, pod set-up fails with 401.',
    remediation: 'Read the error in the line; check calico-node\'s RBAC (serviceaccounts/token) and API reachability.',
    matches: [
      { trigger: 'Failed to update CNI token', pattern: 'Failed to update CNI token' },
      { trigger: 'CNI plugin kubeconfig', pattern: 'Failed to write CNI plugin kubeconfig' },
      { trigger: 'token for CNI', pattern: 'Unable to create token for CNI kubeconfig( error|.{0,8}$)' },
    ],
    source: 'projectcalico/calico node/pkg/cni/token_watch.go ("Failed to update CNI token", "Failed to write CNI plugin kubeconfig file"), cni-plugin/pkg/install/install.go',
  },
  {
    id: 'calico-tls',
    severity: 'error',
    title: 'TLS certificate rejected',
    meaning: 'A TLS handshake failed: between Felix and Typha (their certificates come from the operator-managed CA) or towards the API server (an unknown authority or a certificate for another name).',
    remediation: 'For Typha/Felix: check the typha-certs and node-certs secrets in calico-system and restart both after a CA change (the operator recreates them when missing). For the API server: check the CA in the kubeconfig / service-account token.',
    matches: [
      { trigger: 'tls: bad certificate', pattern: 'tls: bad certificate' },
      { trigger: 'x509: certificate', pattern: 'x509: certificate' },
      { trigger: 'x509: cannot validate', pattern: 'x509: cannot validate' },
      { trigger: 'remote error: tls', pattern: 'remote error: tls: ' },
    ],
    source: 'Go crypto/tls and crypto/x509 error texts; projectcalico/calico#10036; tigera/operator#3708',
  },
  {
    id: 'aggregated-api-unreachable',
    severity: 'warning',
    title: 'The API server cannot reach an aggregated API\'s pods',
    meaning: 'The API server proxies metrics.k8s.io (metrics-server) and projectcalico.org (calico-apiserver) to pods: it answers 503 "the server is currently unable to handle the request", and its APIService availability check fails, when it cannot reach those pods over the pod network from the control-plane node (no route to the pod CIDR there, calico-node not ready on it, a firewall on the pod CIDR, or on RKE2 the agent tunnel).',
    remediation: 'kubectl get apiservice shows which one is unavailable and why; from a control-plane node, reach the pod IP it names (curl -k https://<pod-ip>:<port>); check calico-node on the control-plane nodes and that the pod CIDR is routed (or VXLAN/IPIP tunnels up) towards them.',
    matches: [
      { trigger: 'failing or missing response from', pattern: 'failing or missing response from https?://[^ ]{1,80}' },
      { trigger: 'currently unable to handle the request', pattern: 'the server is currently unable to handle the request \\(get [\\w.-]+\\.(?:metrics\\.k8s\\.io|projectcalico\\.org)\\)' },
      { trigger: 'Error updating APIService', pattern: 'Error updating APIService .{0,80}failed to download' },
    ],
    source: 'kubernetes kube-aggregator pkg/controllers/status/available_controller.go ("failing or missing response from %s: %v"), apimachinery StatusReasonServiceUnavailable ("the server is currently unable to handle the request"), kube-aggregator openapi controller ("Error updating APIService %q with err: %v")',
  },
  {
    id: 'kubectl-apiserver-refused',
    severity: 'error',
    title: 'kubectl cannot reach the API server',
    meaning: 'Nothing listens on the API server address kubectl uses: on an RKE2 or K3s server node (127.0.0.1:6443) rke2-server or k3s is not running or still starting, so nothing in the cluster can be checked from here.',
    remediation: 'systemctl status rke2-server (or k3s) and journalctl -u rke2-server for why it stopped; the kubeconfig\'s server address if it is not this node.',
    // localhost:8080 is kubectl's default without any kubeconfig: a missing KUBECONFIG, not a server down.
    matches: [{ trigger: 'was refused - did you specify the right host', pattern: 'The connection to the server (?!localhost:8080 )\\S+ was refused - did you specify the right host or port\\?' }],
    source: 'kubernetes k8s.io/kubectl/pkg/cmd/util/helpers.go ("The connection to the server %s was refused - did you specify the right host or port?")',
  },
  {
    id: 'apiserver-kubelet-unreachable',
    severity: 'warning',
    title: 'The API server cannot reach a node\'s kubelet',
    meaning: '`kubectl logs`, `exec`, `attach` and `port-forward` go through the API server to the kubelet on port 10250 of the pod\'s node, and that connection failed: the node\'s name does not resolve where the API server runs, a firewall closes 10250 between the servers and the node, or on RKE2/K3s the agent\'s tunnel to its server is down. The pods may be fine; what is broken is the way to them.',
    remediation: 'From a server, check that the node\'s address (or name, when the kubelet registers by name) answers on TCP 10250; on RKE2/K3s read the agent\'s log for its tunnel (remotedialer) and the supervisor port 9345.',
    matches: [
      { trigger: 'Error from server', pattern: 'Error from server.{0,40}: Get "?https://[^ ]{1,120}:10250/.{0,300}(connection refused|no such host|i/o timeout|no route to host|connection timed out|network is unreachable)' },
      { trigger: 'error dialing backend', pattern: 'error dialing backend: dial tcp [^ ]{1,120}:10250: .{0,60}(connection refused|no such host|i/o timeout|no route to host|connection timed out|network is unreachable)' },
    ],
    source: 'k8s.io/apimachinery pkg/util/proxy upgradeaware.go ("error dialing backend: %v"), kubectl printing the API server\'s error ("Error from server: Get https://<node>:10250/containerLogs/…"); WingkaiHo/k8s-notes k8s-ha/add-worker-node.md@9913195',
  },
];
