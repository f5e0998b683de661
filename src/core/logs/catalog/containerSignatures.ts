/**
 * A container that cannot even start, as the runtime says it (runc, containerd, the kubelet's waiting reasons): the
 * component never ran, so its own log is empty and only these lines say why.
 */
import type { LogSignature } from '../logSignature';

export const CONTAINER_SIGNATURES: readonly LogSignature[] = [
  {
    id: 'container-exec-format',
    severity: 'error',
    title: 'The image is built for another CPU architecture',
    meaning: 'The kernel refused to run the container\'s program (ENOEXEC, "exec format error"): the image has no variant for this node\'s architecture (an amd64-only image on arm64, or the reverse), or a mirror copied only one platform of a multi-arch image. The pod crash-loops at once, with nothing in its own log.',
    remediation: 'Compare the node\'s architecture (kubectl get node -o wide, or uname -m) with the image\'s platforms (crane manifest / docker manifest inspect); on an air-gapped or mirrored registry copy every platform of Calico\'s images (rancher/mirrored-calico-* publish amd64 and arm64).',
    matches: [
      { trigger: 'exec format error', pattern: '(exec user process caused:? .{0,40}exec format error|^\\s*exec \\S+: exec format error)' },
    ],
    source: 'opencontainers/runc libcontainer/standard_init_linux.go ("exec user process caused: %w"), Go os/exec and runc\'s exec of the entrypoint; Linux execve(2) ENOEXEC "Exec format error"',
  },
  {
    id: 'container-cannot-start',
    severity: 'error',
    title: 'The container runtime cannot start the container',
    meaning: 'runc or containerd failed to create or start the container (a missing entrypoint or mount, a host path that is not shared, a network namespace of a sandbox that is gone): the component never ran.',
    remediation: 'Read the whole message: the path or mount it names (hostPath volumes of calico-node such as /var/run/calico, /lib/modules, /opt/cni/bin and their mount propagation), then `crictl ps -a` and the containerd log on the node.',
    matches: [
      { trigger: 'OCI runtime', pattern: 'OCI runtime (?:create|start) failed' },
      { trigger: 'starting container process caused', pattern: 'starting container process caused' },
      { trigger: 'cannot join network of a non running container', pattern: 'cannot join network of a non running container' },
    ],
    source: 'opencontainers/runc libcontainer/container_linux.go ("starting container process caused"); containerd runtime v2 shim ("OCI runtime create failed"); Docker/cri-dockerd sandbox join ("cannot join network of a non running container")',
  },
  {
    id: 'container-unknown-argument',
    severity: 'error',
    title: 'The program does not know an argument it is started with',
    meaning: 'The container\'s program exits at once because its command line has a flag it does not define: the image is another version than the manifest, chart or operator that starts it expects (an old image under a new manifest, or the reverse).',
    remediation: 'Compare the image tag of the failing container with the release of the manifest or chart that runs it (kubectl get pod -o yaml: spec.containers[].image and args) and make them one release.',
    matches: [
      { trigger: 'unknown flag: --', pattern: '^\\s*(?:Error: )?unknown flag: --[\\w.-]+\\s*$' },
      { trigger: 'flag provided but not defined', pattern: 'flag provided but not defined: -{1,2}[\\w.-]+' },
    ],
    source: 'spf13/pflag flag.go ("unknown flag: --%s"), Go flag package ("flag provided but not defined: -%s")',
  },
];
