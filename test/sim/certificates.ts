import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ServerCertificates {
  readonly caPem: string;
  readonly certPem: string;
  readonly keyPem: string;
  /** A second, unrelated CA: a kubeconfig that trusts it must fail TLS verification. */
  readonly otherCaPem: string;
}

function openssl(args: readonly string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(folder: string, name: string): void {
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(folder, `${name}.key`), '-out', join(folder, `${name}.crt`), '-days', '2', '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
}

/**
 * A throw-away CA and a server certificate for 127.0.0.1, made with the system's openssl in `folder`. They are
 * valid for two days and never leave the machine.
 */
export function makeServerCertificates(folder: string): ServerCertificates {
  makeCa(folder, 'sim-ca');
  makeCa(folder, 'other-ca');
  const extensions = join(folder, 'server.ext');
  writeFileSync(extensions, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n');
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(folder, 'server.key'), '-out', join(folder, 'server.csr'), '-subj', '/CN=127.0.0.1']);
  openssl(['x509', '-req', '-in', join(folder, 'server.csr'), '-CA', join(folder, 'sim-ca.crt'), '-CAkey', join(folder, 'sim-ca.key'), '-CAcreateserial', '-out', join(folder, 'server.crt'), '-days', '2', '-extfile', extensions]);
  const read = (name: string): string => readFileSync(join(folder, name), 'utf8');
  return { caPem: read('sim-ca.crt'), certPem: read('server.crt'), keyPem: read('server.key'), otherCaPem: read('other-ca.crt') };
}
