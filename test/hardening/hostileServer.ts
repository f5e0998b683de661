/**
 * A hostile API server for the hardening cases that the simulated cluster cannot play: it answers every GET with
 * what the case says (here: a list page with a new `continue` token each time), over HTTPS on 127.0.0.1, and counts
 * the requests it received.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeServerCertificates, type ServerCertificates } from '../sim/certificates';

export interface HostileServer {
  readonly url: string;
  readonly caPem: string;
  readonly token: string;
  /** Requests received so far, by method and path. */
  readonly requests: { readonly method: string; readonly path: string }[];
  readonly stop: () => Promise<void>;
}

let certificates: ServerCertificates | undefined;

/** One certificate set for every hostile server of a test process (openssl takes a moment). */
function serverCertificates(): ServerCertificates {
  if (!certificates) {
    const folder = mkdtempSync(join(tmpdir(), 'rke2-hostile-certs-'));
    try {
      certificates = makeServerCertificates(folder);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  return certificates;
}

export async function startHostileServer(answer: (request: IncomingMessage, response: ServerResponse) => void): Promise<HostileServer> {
  const { certPem, keyPem, caPem } = serverCertificates();
  const requests: { method: string; path: string }[] = [];
  const server = https.createServer({ cert: certPem, key: keyPem }, (request, response) => {
    requests.push({ method: request.method ?? '?', path: request.url ?? '/' });
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    caPem,
    token: `hostile-${randomBytes(12).toString('hex')}`,
    requests,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Every GET answered with a list page holding `itemBytes` of padding and a continue token never seen before. */
export function endlessPages(itemBytes: number): (request: IncomingMessage, response: ServerResponse) => void {
  const padding = 'x'.repeat(itemBytes);
  let page = 0;
  return (_request, response) => {
    page++;
    const body = JSON.stringify({ kind: 'List', apiVersion: 'v1', metadata: { continue: `page-${page}-${randomBytes(8).toString('hex')}` }, items: [{ metadata: { name: `item-${page}`, annotations: { padding } } }] });
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(body);
  };
}
