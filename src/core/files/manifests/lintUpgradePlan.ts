import { isScalar, type Document } from 'yaml';
import type { Finding } from '../../findings/finding';
import { holdsPlaceholder as isTemplatedScalarText } from '../../yaml/templateMask';
import { documentRoot, mapPath, nodeSpan, scalarString } from '../../yaml/yamlNodes';
import { checkPinnedVersion } from '../affectedVersion';

/**
 * Whether a Plan upgrades RKE2: its upgrade image is rancher/rke2-upgrade, or its version is an RKE2 release. A K3s
 * plan (rancher/k3s-upgrade) or an OS-patch plan (`version: sles`) is someone else's business.
 */
function upgradesRke2(root: unknown): boolean {
  const image = scalarString(mapPath(root, ['spec', 'upgrade', 'image'])?.value);
  if (image !== undefined && !isTemplatedScalarText(image)) return /rke2-upgrade/.test(image);
  const version = scalarString(mapPath(root, ['spec', 'version'])?.value);
  const channel = scalarString(mapPath(root, ['spec', 'channel'])?.value);
  return (version !== undefined && /[+-]rke2r\d+$/.test(version)) || (channel !== undefined && /rke2/.test(channel));
}

/**
 * system-upgrade-controller `upgrade.cattle.io/v1 Plan`: `spec.version` is the RKE2 release nodes move to. A plan
 * that follows `spec.channel` resolves its version at upgrade time, so it is reported as unknown, never guessed.
 */
export function lintUpgradePlan(document: Document): Finding[] {
  const root = documentRoot(document);
  if (!upgradesRke2(root)) return [];
  const version = mapPath(root, ['spec', 'version'])?.value;
  if (isScalar(version) && typeof version.value === 'string') {
    const finding = checkPinnedVersion({ kind: 'rke2', node: version }, 'Plan spec.version');
    if (!finding || finding.code !== 'calico-affected-version') return finding ? [finding] : [];
    return [{ ...finding, message: `${finding.message} (Applies where the cluster's CNI is Calico.)` }];
  }
  const channel = mapPath(root, ['spec', 'channel']);
  if (channel) {
    return [{
      code: 'version-unknown',
      severity: 'info',
      message: 'This plan follows a release channel: the RKE2 version is resolved at upgrade time and cannot be checked for known Calico issues here. Pin spec.version to check it.',
      span: nodeSpan(channel.value, nodeSpan(channel.keyNode, { start: 0, end: 0 })),
    }];
  }
  return [];
}
