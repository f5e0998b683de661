import { visit, type Document, type Scalar } from 'yaml';
import type { Finding } from '../../findings/finding';
import { checkPinnedVersion, type VersionPin } from '../affectedVersion';

/**
 * Calico and tigera-operator image references, in the names RKE2 mirrors (`rancher/mirrored-calico-node:v3.29.2`,
 * `rancher/mirrored-calico-operator:v1.36.5`) and the upstream ones (`calico/node`, `quay.io/tigera/operator`).
 * RKE2's image list: rancher/rke2 `scripts/build-images`.
 */
const CALICO_IMAGE = /(?:^|\/)(?:mirrored-calico-(?!operator)[a-z0-9-]+|calico\/[a-z0-9-]+):(v?\d+\.\d+\.\d+)(?![\w.])/;
const OPERATOR_IMAGE = /(?:^|\/)(?:mirrored-calico-operator|tigera\/operator):(v?\d+\.\d+\.\d+)(?![\w.])/;

function pinOf(node: Scalar): VersionPin | undefined {
  if (typeof node.value !== 'string' || node.value.length > 512 || !/calico|tigera/.test(node.value)) return undefined;
  for (const [pattern, kind] of [[OPERATOR_IMAGE, 'operator'], [CALICO_IMAGE, 'calico']] as const) {
    const match = pattern.exec(node.value);
    const tag = match?.[1];
    if (match && tag !== undefined) return { kind, node, text: tag, offsetInScalar: match.index + match[0].length - tag.length };
  }
  return undefined;
}

/**
 * Every Calico or operator image tag in a document that carries a known issue. With the file text, a document whose
 * own text names no such image (a CRD, most of a big manifest bundle) is not walked at all.
 */
export function lintImageTags(document: Document, fileText?: string): Finding[] {
  const range = document.range as [number, number, number] | undefined;
  if (fileText !== undefined && range && !mentionsCalicoImage(fileText.slice(range[0], range[2]))) return [];
  const findings: Finding[] = [];
  visit(document, {
    Scalar(_key, node) {
      const pin = pinOf(node);
      if (!pin) return;
      const finding = checkPinnedVersion(pin, 'image tag');
      if (finding?.code === 'calico-affected-version') findings.push(finding);
    },
    Alias() {
      return visit.SKIP;
    },
  });
  return findings;
}

/** An image reference with a version tag (`calico/node:v3.29.2`, `mirrored-calico-operator:v1.36.5`). */
export function mentionsCalicoImage(text: string): boolean {
  return /(?:mirrored-calico-[a-z0-9-]+|calico\/[a-z0-9-]+|tigera\/operator):v?\d/.test(text);
}

