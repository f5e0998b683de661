import { isScalar, isSeq, type Document, type Scalar } from 'yaml';
import type { Finding } from '../../findings/finding';
import { parseYaml } from '../../yaml/parseYaml';
import { documentRoot, mapGet, scalarString } from '../../yaml/yamlNodes';
import { isRke2ConfigPath, rke2ConfigByContent } from '../fileKinds';
import type { LintContext } from '../lintContext';
import { lintRke2ConfigDocument } from '../rke2Config/lintRke2Config';
import { lintEmbeddedYaml } from './embeddedValues';

/**
 * cloud-init user-data that writes the node's RKE2 config (`write_files: - path: /etc/rancher/rke2/config.yaml`,
 * or a file whose content is one) or an RKE2 manifest: the embedded file is checked like a file of its own, with
 * its findings placed inside the `content` block. `lintManifest` checks an embedded manifest document.
 */
export function lintCloudInit(fileText: string, document: Document, context: LintContext, lintManifest: (text: string, document: Document) => Finding[]): Finding[] {
  const files = mapGet(documentRoot(document), 'write_files')?.value;
  if (!isSeq(files)) return [];
  const findings: Finding[] = [];
  for (const entry of files.items) {
    const path = scalarString(mapGet(entry, 'path')?.value) ?? '';
    const content = mapGet(entry, 'content')?.value;
    const encoding = scalarString(mapGet(entry, 'encoding')?.value);
    if (!isScalar(content) || typeof content.value !== 'string' || (encoding !== undefined && !/^text\/plain$/i.test(encoding))) continue;
    const scalar = content as Scalar<string>;
    const why = isRke2ConfigPath(path) ? undefined : rke2ConfigByContent(path, scalar.value);
    if (isRke2ConfigPath(path) || why !== undefined) {
      findings.push(...lintEmbeddedYaml(fileText, scalar, `write_files ${path}`, (text) => {
        const parsed = parseYaml(text);
        const inner = [...parsed.findings, ...parsed.documents.flatMap((embedded) => lintRke2ConfigDocument(embedded, context))];
        return why === undefined ? inner : inner.map((finding) => ({ ...finding, message: `${finding.message} (${why})` }));
      }));
    } else if (/\/var\/lib\/rancher\/rke2\/server\/manifests\//.test(path)) {
      findings.push(...lintEmbeddedYaml(fileText, scalar, `write_files ${path}`, (text) => {
        const parsed = parseYaml(text);
        return [...parsed.findings, ...parsed.documents.flatMap((embedded) => lintManifest(text, embedded))];
      }));
    }
  }
  return findings;
}

/** cloud-init user-data: the `#cloud-config` header, or a top-level write_files. */
export function isCloudInit(text: string): boolean {
  return /^#cloud-config\b/.test(text) || /^write_files[ \t]*:/m.test(text);
}
