import { createHash } from 'node:crypto';
import * as https from 'node:https';
import * as tls from 'node:tls';

/**
 * client-node gives every request a new Agent, so no connection is reused, and every new TLS connection builds a
 * SecureContext — which, with a kubeconfig's own CA, copies and parses Node's whole root store (some 20 ms of CPU
 * each). A fleet run makes thousands of requests: one keep-alive agent for the process, and one SecureContext per
 * distinct CA and client certificate, take that away. Sockets are pooled per server and TLS identity (the agent
 * keys them by host, port, CA, certificate and key), and each request still carries its own Authorization header.
 */
const agent = new https.Agent({ keepAlive: true });

/** SecureContexts by a hash of their CA, certificate and key; a handful in practice, bounded all the same. */
const contexts = new Map<string, tls.SecureContext>();
const MAX_CONTEXTS = 64;

function digest(hash: ReturnType<typeof createHash>, value: unknown): void {
  if (value === undefined) hash.update('-');
  else if (typeof value === 'string' || Buffer.isBuffer(value)) hash.update(value);
  else if (Array.isArray(value)) for (const entry of value) digest(hash, entry);
  else hash.update(JSON.stringify(value));
  hash.update('\u0000');
}

/** Points a prepared GET at the shared agent and a cached SecureContext; a request through a proxy is left as it is. */
export function reuseConnections(request: https.RequestOptions, throughProxy: boolean): void {
  if (throughProxy) return;
  request.agent = agent;
  if (request.ca === undefined && request.cert === undefined && request.key === undefined && request.pfx === undefined) return;
  const hash = createHash('sha256');
  for (const value of [request.ca, request.cert, request.key, request.pfx, request.passphrase]) digest(hash, value);
  const key = hash.digest('hex');
  let context = contexts.get(key);
  if (!context) {
    context = tls.createSecureContext({
      ...(request.ca !== undefined ? { ca: request.ca } : {}),
      ...(request.cert !== undefined ? { cert: request.cert } : {}),
      ...(request.key !== undefined ? { key: request.key } : {}),
      ...(request.pfx !== undefined ? { pfx: request.pfx } : {}),
      ...(request.passphrase !== undefined ? { passphrase: request.passphrase } : {}),
    });
    if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value as string);
    contexts.set(key, context);
  }
  (request as https.RequestOptions & { secureContext?: tls.SecureContext }).secureContext = context;
}
