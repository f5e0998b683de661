import { readBoundedFile } from './boundedFile';

/** A bundle of a few hundred CAs stays well under this. */
const MAX_CA_BYTES = 4 * 1024 * 1024;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The CAs to trust for Rancher. Without --rancher-ca, undefined: Node's own store (the public roots and
 * NODE_EXTRA_CA_CERTS). With it, that CA and NODE_EXTRA_CA_CERTS, as a kubeconfig's certificate-authority replaces
 * the system roots for kubectl (the public roots are left out: a bundle of 140 roots would be parsed for every
 * TLS connection to every cluster).
 */
export function rancherTrust(caFile: string | undefined, environment: NodeJS.ProcessEnv): { ok: true; caPem: string | undefined } | { ok: false; error: string } {
  if (caFile === undefined) return { ok: true, caPem: undefined };
  const read = (path: string, what: string): string[] | string => {
    const file = readBoundedFile(path, MAX_CA_BYTES);
    if (!file.ok) return `cannot read ${what} ${path}: ${file.error}`;
    const text = file.data.toString('utf8');
    const certificates = text.match(PEM_CERTIFICATE) ?? [];
    return certificates.length > 0 ? certificates : `${what} ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`;
  };
  const own = read(caFile, '--rancher-ca');
  if (typeof own === 'string') return { ok: false, error: own };
  const extraFile = environment.NODE_EXTRA_CA_CERTS;
  const extra = extraFile !== undefined && extraFile !== '' ? read(extraFile, 'NODE_EXTRA_CA_CERTS') : [];
  if (typeof extra === 'string') return { ok: false, error: extra };
  return { ok: true, caPem: [...own, ...extra].join('\n') };
}
