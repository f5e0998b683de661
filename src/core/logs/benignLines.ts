/**
 * Lines that contain a failure wording but are known to be harmless, so they are never findings. Each says why and
 * where that is established; keep this list short and specific.
 */
import type { SignatureMatch } from './logSignature';

export interface BenignLine extends SignatureMatch {
  readonly reason: string;
  readonly source: string;
}

export const BENIGN_LINES: readonly BenignLine[] = [
  {
    trigger: 'TLS handshake error from',
    pattern: 'http: TLS handshake error from',
    reason: 'the RKE2 supervisor logs every client that drops a TLS handshake, e.g. agents and the kubelet that do not trust its certificate yet at start-up',
    source: 'Go net/http server error log as k3s/rke2 print it ("Cluster-Http-Server … http: TLS handshake error"); rancher/rke2#968, #6270',
  },
  {
    trigger: 'object has been modified',
    pattern: 'the object has been modified; please apply your changes to the latest version',
    reason: 'an optimistic-concurrency conflict: the controller re-reads the object and retries',
    source: 'Kubernetes API conflict error (409) as controller-runtime logs it',
  },
];
