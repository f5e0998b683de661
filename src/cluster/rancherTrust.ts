import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The CAs to trust for Rancher. Without --rancher-ca, undefined: Node's own store, which already holds the public
 * roots and NODE_EXTRA_CA_CERTS. With it, its certificates are added to that store rather than replacing it (a
 * `ca` option replaces Node's store, so the public roots and NODE_EXTRA_CA_CERTS are put back in by hand).
 */
export function rancherTrust(caFile: string | undefined, environment: NodeJS.ProcessEnv): { ok: true; caPem: string | undefined } | { ok: false; error: string } {
  if (caFile === undefined) return { ok: true, caPem: undefined };
  const read = (path: string, what: string): string[] | string => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      return `cannot read ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`;
    }
    const certificates = text.match(PEM_CERTIFICATE) ?? [];
    return certificates.length > 0 ? certificates : `${what} ${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`;
  };
  const own = read(caFile, '--rancher-ca');
  if (typeof own === 'string') return { ok: false, error: own };
  const extraFile = environment.NODE_EXTRA_CA_CERTS;
  const extra = extraFile !== undefined && extraFile !== '' ? read(extraFile, 'NODE_EXTRA_CA_CERTS') : [];
  if (typeof extra === 'string') return { ok: false, error: extra };
  return { ok: true, caPem: [...own, ...extra, ...rootCertificates].join('\n') };
}
