/**
 * The Rancher server URL as the product uses it: `https://host[:port]`, nothing else. Every downstream cluster's
 * reads are made under `<url>/k8s/clusters/<id>/`, so a query (`?lang=en`), a fragment (`#/`) or a path copied from
 * the browser (`/dashboard/home`) would send them elsewhere on the server, whose answers would then be reported as
 * each cluster's. Refused with the URL to give instead.
 */
export type RancherUrl = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly error: string };

export function rancherServerUrl(text: string): RancherUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, error: `the Rancher URL ${text.slice(0, 200)} is not a URL (https://rancher.example.com)` };
  }
  if (url.protocol !== 'https:') return { ok: false, error: `the Rancher URL must be https:// (got ${url.protocol})` };
  const extra = [
    url.username !== '' || url.password !== '' ? 'a user name or password' : undefined,
    url.pathname !== '/' ? `a path (${url.pathname.slice(0, 100)})` : undefined,
    url.search !== '' ? `a query (${url.search.slice(0, 100)})` : undefined,
    url.hash !== '' ? `a fragment (${url.hash.slice(0, 100)})` : undefined,
  ].filter((part): part is string => part !== undefined);
  if (extra.length > 0) return { ok: false, error: `the Rancher URL must be the server's address only, as ${url.origin}: it has ${extra.join(', ')}` };
  return { ok: true, url: new URL(url.origin) };
}
