import { isScalar, type Document } from 'yaml';
import type { Finding } from '../../findings/finding';
import { documentRoot, mapPath, nodeSpan } from '../../yaml/yamlNodes';
import { checkPinnedVersion } from '../affectedVersion';

/**
 * system-upgrade-controller `upgrade.cattle.io/v1 Plan`: `spec.version` is the RKE2 release nodes move to. A plan
 * that follows `spec.channel` resolves its version at upgrade time, so it is reported as unknown, never guessed.
 */
export function lintUpgradePlan(document: Document): Finding[] {
  const root = documentRoot(document);
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
