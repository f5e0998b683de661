/**
 * Loads the Kubernetes gateway (and with it @kubernetes/client-node) on first cluster use only. In the bundles
 * `./kubeGateway` resolves to an external `./cluster.js` beside extension.js / cli.js (scripts/build.mjs), so
 * activation and CLI commands that need no cluster never parse client-node.
 */
export function loadGateway(): Promise<typeof import('./kubeGateway')> {
  // A require (not import()) so the compiled CommonJS tests and the bundles resolve it the same way.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return Promise.resolve(require('./kubeGateway') as typeof import('./kubeGateway'));
}
