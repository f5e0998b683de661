import type { Finding } from '../../findings/finding';
import type { SliceItem } from './sliceValues';

/** Where the facts below were read: rancher/rke2 at this tag. */
const RKE2_TAG = 'v1.36.3+rke2r1';

/**
 * K3s's packaged components, as `disable` names them, and what RKE2 has instead. RKE2 disables every K3s packaged
 * component itself before starting (pkg/rke2/rke2.go: "Disable all disableable k3s packaged components", a loop over
 * k3s's DisableItems), so these names disable nothing on RKE2. RKE2's own disableable charts are pkg/cli/types.go
 * DisableItems (rke2-coredns, rke2-metrics-server, rke2-snapshot-*); its ingress chart is rke2-traefik or
 * rke2-ingress-nginx, chosen with `ingress-controller` (IngressItems; traefik the default since v1.36.0+rke2r1,
 * rancher/rke2 003f022f "Make traefik default"); ServiceLB runs only with `enable-servicelb` (pkg/cli/cmds/server.go).
 */
const K3S_COMPONENTS: ReadonlyMap<string, { readonly rke2?: string; readonly instead: string }> = new Map([
  ['coredns', { rke2: 'rke2-coredns', instead: 'RKE2 deploys CoreDNS as the rke2-coredns chart' }],
  ['metrics-server', { rke2: 'rke2-metrics-server', instead: 'RKE2 deploys metrics-server as the rke2-metrics-server chart' }],
  ['traefik', { instead: 'RKE2 deploys its ingress controller as the rke2-traefik chart (the default since v1.36.0+rke2r1) or rke2-ingress-nginx (the default before), chosen with ingress-controller; to deploy none, disable that chart by its name' }],
  ['servicelb', { instead: 'RKE2 has no ServiceLB chart: its ServiceLB controller runs only with enable-servicelb: true, and is off otherwise' }],
  ['local-storage', { instead: 'RKE2 ships no local-path storage provisioner, so there is nothing of that name to disable' }],
]);

/** `disable` items that name a K3s component: a warning naming what RKE2 has, with a fix where one chart replaces it. */
export function checkK3sDisableItems(items: readonly SliceItem[]): Finding[] {
  return items.flatMap((item): Finding[] => {
    const component = K3S_COMPONENTS.get(item.value);
    if (!component) return [];
    const rename = component.rke2;
    return [{
      code: 'invalid-value',
      severity: 'warning',
      message: `disable: ${item.value} is a K3s component name and disables nothing on RKE2 (RKE2 never deploys K3s's ${item.value}); ${component.instead}.${rename ? ` Use disable: ${rename}.` : ''} (rancher/rke2 ${RKE2_TAG} pkg/cli/types.go DisableItems)`,
      span: item.span,
      ...(rename ? { fix: { title: `Change to ${rename}`, edits: [{ ...item.span, newText: rename }] } } : {}),
    }];
  });
}
