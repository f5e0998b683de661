import { isAbsolute, join } from 'node:path';
import { readBoundedFile } from './boundedFile';
import { ExecCredentialSource, type CredentialOutcome, type CredentialSource, type ExecCredential } from './execCredential';

/**
 * A kubeconfig user's `auth-provider` (gcp, azure, oidc, and client-node's in-cluster `tokenFile`), served by this
 * gateway instead of client-node: client-node runs the gcp/azure helper with execSync on every request whose token
 * it thinks expired (one after another, blocking the process, past any timeout and any signal), reads token files
 * without a size check, and cannot refresh OIDC tokens with the openid-client it bundles. Here a helper runs like an
 * exec plugin (bounded by the request timeout, its process group killed, its answer cached until it expires), and
 * token files are read through readBoundedFile.
 */

export interface AuthProviderOptions {
  readonly timeoutMs: number;
  readonly baseDirectory?: string;
  readonly now?: () => number;
}

export type AuthProviderSetup = { readonly ok: true; readonly source: CredentialSource; readonly secrets: readonly string[] } | { readonly ok: false; readonly message: string };

/** A token file is read again after this long, as client-go does: a projected token the kubelet rotates keeps working. */
const TOKEN_FILE_REFRESH_MS = 60_000;
const MAX_TOKEN_FILE_BYTES = 64 * 1024;

function textField(config: Record<string, unknown>, key: string): string | undefined {
  const value = config[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `{.credential.access_token}` (the kubeconfig's token-key / expiry-key) applied to the helper's JSON output. */
export function jsonPathValue(json: unknown, path: string): unknown {
  const inner = /^\{\.?(.*)\}$/.exec(path.trim())?.[1];
  if (inner === undefined) return undefined;
  let value = json;
  for (const key of inner.split('.').filter((part) => part !== '')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** An expiry as the providers write it: an RFC 3339 time, or epoch seconds (azure's expires-on). */
function expiryMs(value: unknown): number | undefined {
  if (typeof value === 'number') return value * 1000;
  if (typeof value !== 'string' || value === '') return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** The `exp` of a JWT, in epoch milliseconds; undefined when it is not a JWT or has none. */
function jwtExpiryMs(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** A credential that never changes: an OIDC id-token still valid, or a message saying why there is none. */
class FixedCredential implements CredentialSource {
  constructor(private readonly outcome: () => CredentialOutcome) {}
  get(): Promise<CredentialOutcome> {
    return Promise.resolve(this.outcome());
  }
  rejected(): void {
    // Nothing to refresh: the next read gets the same answer, and the 401 says why.
  }
}

/** The in-cluster token file, read with a size cap and again every minute. */
class TokenFileCredential implements CredentialSource {
  private cached: { readonly credential: ExecCredential; readonly at: number } | undefined;
  constructor(
    private readonly path: string,
    private readonly now: () => number,
  ) {}
  get(): Promise<CredentialOutcome> {
    const now = this.now();
    if (this.cached && now - this.cached.at < TOKEN_FILE_REFRESH_MS) return Promise.resolve({ ok: true, credential: this.cached.credential });
    const read = readBoundedFile(this.path, MAX_TOKEN_FILE_BYTES);
    if (!read.ok) return Promise.resolve({ ok: false, message: `cannot read the token file ${this.path}: ${read.error}` });
    const token = read.data.toString('utf8').trim();
    if (token === '') return Promise.resolve({ ok: false, message: `the token file ${this.path} is empty` });
    this.cached = { credential: { token }, at: now };
    return Promise.resolve({ ok: true, credential: this.cached.credential });
  }
  rejected(): void {
    this.cached = undefined;
  }
}

/** gcp and azure: the cached access-token until its expiry, then the helper (cmd-path) run as an exec plugin. */
function helperSource(name: string, config: Record<string, unknown>, options: AuthProviderOptions): AuthProviderSetup {
  const now = options.now ?? Date.now;
  const accessToken = textField(config, 'access-token');
  const expiresAt = expiryMs(config.expiry ?? config['expires-on']);
  const initial: ExecCredential | undefined = accessToken !== undefined && (expiresAt === undefined || expiresAt > now()) ? { token: accessToken, ...(expiresAt !== undefined ? { expiresAt } : {}) } : undefined;
  const command = textField(config, 'cmd-path');
  const secrets = [accessToken, textField(config, 'refresh-token')].filter((value): value is string => value !== undefined);
  if (command === undefined) {
    if (initial) return { ok: true, source: new FixedCredential(() => ({ ok: true, credential: initial })), secrets };
    return { ok: false, message: `the ${name} auth-provider's access-token has expired and it names no cmd-path to refresh it; kubectl no longer supports the ${name} auth-provider: use its exec plugin (${name === 'gcp' ? 'gke-gcloud-auth-plugin' : 'kubelogin'})` };
  }
  const tokenKey = textField(config, 'token-key') ?? '{.access_token}';
  const expiryKey = textField(config, 'expiry-key') ?? '{.token_expiry}';
  const label = `the ${name} auth-provider helper "${command}"`;
  const parse = (stdout: string, who: string): CredentialOutcome => {
    let json: unknown;
    try {
      json = JSON.parse(stdout);
    } catch {
      return { ok: false, message: `${who} did not print JSON` };
    }
    const token = jsonPathValue(json, tokenKey);
    if (typeof token !== 'string' || token === '') return { ok: false, message: `${who} printed no token at ${tokenKey}` };
    const expires = expiryMs(jsonPathValue(json, expiryKey));
    return { ok: true, credential: { token, ...(expires !== undefined ? { expiresAt: expires } : {}) } };
  };
  const args = (textField(config, 'cmd-args') ?? '').split(/\s+/).filter((arg) => arg !== '');
  const source = new ExecCredentialSource({ command, args }, { timeoutMs: options.timeoutMs, label, parse, ...(initial ? { initial } : {}), ...(options.baseDirectory !== undefined ? { baseDirectory: options.baseDirectory } : {}), ...(options.now ? { now: options.now } : {}) });
  return { ok: true, source, secrets };
}

/** OIDC: the id-token while it is valid. A refresh is not made: the message says so and what to do. */
function oidcSource(config: Record<string, unknown>, options: AuthProviderOptions): AuthProviderSetup {
  const now = options.now ?? Date.now;
  const idToken = textField(config, 'id-token');
  const secrets = [idToken, textField(config, 'refresh-token'), textField(config, 'client-secret')].filter((value): value is string => value !== undefined);
  if (idToken === undefined) return { ok: false, message: 'the oidc auth-provider has no id-token; log in with kubectl (e.g. kubelogin as an exec plugin) first' };
  const expiresAt = jwtExpiryMs(idToken);
  return {
    ok: true,
    secrets,
    source: new FixedCredential(() => (expiresAt !== undefined && expiresAt <= now()
      ? { ok: false, message: `the oidc auth-provider's id-token expired at ${new Date(expiresAt).toISOString()}; this tool does not refresh OIDC tokens: refresh it with kubectl (or use kubelogin as an exec plugin) and run again` }
      : { ok: true, credential: { token: idToken, ...(expiresAt !== undefined ? { expiresAt } : {}) } })),
  };
}

/** The source of a kubeconfig user's auth-provider; undefined when it has none. */
export function authProviderSource(value: unknown, options: AuthProviderOptions): AuthProviderSetup | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const provider = value as { name?: unknown; config?: unknown };
  const config = (provider.config !== null && typeof provider.config === 'object' ? provider.config : {}) as Record<string, unknown>;
  const tokenFile = textField(config, 'tokenFile');
  if (tokenFile !== undefined) {
    const path = options.baseDirectory !== undefined && !isAbsolute(tokenFile) ? join(options.baseDirectory, tokenFile) : tokenFile;
    return { ok: true, source: new TokenFileCredential(path, options.now ?? Date.now), secrets: [] };
  }
  const name = typeof provider.name === 'string' ? provider.name : '';
  if (name === 'gcp' || name === 'azure') return helperSource(name, config, options);
  if (name === 'oidc') return oidcSource(config, options);
  return { ok: false, message: `the auth-provider "${name}" is not supported; use an exec credential plugin or a token` };
}
