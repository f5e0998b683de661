import { findRke2ConfigKey, skippedRke2Key } from './rke2Config/rke2ConfigKeys';

/**
 * What a YAML file is to this product, decided by its path and then by its content. A `config-writer` is other YAML
 * (Ansible tasks) that writes an RKE2 config from a literal block (`dest: /etc/rancher/rke2/config.yaml`,
 * `content: |`): only that block is this product's business.
 */
export type FileKind = 'rke2-config' | 'manifests' | 'cloud-init' | 'config-writer' | 'unrelated';

export interface Classification {
  readonly kind: FileKind;
  /** For an RKE2 config recognised by its content, why: said in its findings so the user can tell. */
  readonly why?: string;
}

const RKE2_CONFIG_PATH = /(?:^|[\\/])rancher[\\/]rke2[\\/]config\.yaml$|(?:^|[\\/])rke2[\\/]config\.yaml\.d[\\/][^\\/]+\.ya?ml$/;
/** The support-bundle copies of the same files (logs collector `rke2/config.yaml`, `rke2/config.yaml.d`). */
const BUNDLE_CONFIG_PATH = /(?:^|[\\/])rke2[\\/]config\.yaml$/;
/** A `dest:`/`path:` naming an RKE2 config path, and a literal `content: |` block somewhere in the same file. */
const WRITES_RKE2_CONFIG = /^[ \t]*(?:-[ \t]+)?(?:dest|path)[ \t]*:[ \t]*["']?\/etc\/rancher\/rke2\/config\.yaml/m;
const LITERAL_CONTENT = /^[ \t]*(?:-[ \t]+)?content[ \t]*:[ \t]*\|/m;
const MANIFEST_MARKERS = /\b(?:helm\.cattle\.io|provisioning\.cattle\.io|upgrade\.cattle\.io)\/v1\b|^kind:[ \t]*HelmChart(?:Config)?[ \t]*$|mirrored-calico-|calico\/(?:node|typha|cni|kube-controllers)|tigera\/operator/m;
/** The extensions templating tools put after `.yaml` (Ansible, Terraform, Helm, gomplate, envsubst conventions). */
const TEMPLATE_EXTENSION = /\.(?:j2|jinja2?|tpl|tftpl|tmpl|template|gotmpl|envsubst)$/i;
/** A top-level mapping key at the start of a line (`name:` or `name+:`). */
const TOP_LEVEL_KEY = /^([A-Za-z0-9][A-Za-z0-9_.-]*)\+?[ \t]*:(?=[ \t]|\r?$)/gm;
/** Flags every CLI has: on their own they do not make a file an RKE2 config. */
const GENERIC_KEYS = new Set(['token', 'server', 'debug', 'config', 'data-dir', 'bind-address', 'node-name', 'node-ip', 'v', 'log', 'selinux', 'snapshotter']);

/** `config.yaml.j2` → `config.yaml`: the name the file will have once rendered. */
export function renderedName(path: string): string {
  return path.replace(TEMPLATE_EXTENSION, '');
}

export function isRke2ConfigPath(path: string): boolean {
  const name = renderedName(path);
  return RKE2_CONFIG_PATH.test(name) || BUNDLE_CONFIG_PATH.test(name);
}

export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(renderedName(path));
}

/**
 * An RKE2 config kept under another name (`etc/server/config.yaml`, `rke2-config.yaml`, `config_rke2.yaml`, a
 * template): a mapping whose top-level keys are mostly RKE2 flags, at least one of them specific to RKE2's kind of
 * configuration, and no Kubernetes object. A file in a K3s path is K3s's, whose flags look the same.
 */
export function rke2ConfigByContent(path: string, text: string): string | undefined {
  if (/(?:^|[\\/_.-])k3s(?:[\\/_.-]|$)/i.test(path) && !/rke2/i.test(path)) return undefined;
  const keys = [...text.matchAll(TOP_LEVEL_KEY)].map((match) => match[1] ?? '');
  if (keys.length === 0 || keys.includes('apiVersion') || keys.includes('kind')) return undefined;
  const known = keys.filter((name) => findRke2ConfigKey(name) !== undefined || skippedRke2Key(name) !== undefined);
  const distinctive = known.filter((name) => !GENERIC_KEYS.has(name));
  // An agent config is often just server and token: a server URL on the supervisor port 9345 is RKE2's own.
  if (/^server[ \t]*:[ \t]*["']?https?:\/\/[^\s"']+:9345\b/m.test(text)) distinctive.push('server: …:9345');
  const pathHint = /rke2/i.test(path);
  const share = known.length / keys.length;
  const recognised = (distinctive.length >= 2 && share >= 0.6) || (pathHint && distinctive.length >= 1 && share >= 0.5);
  if (!recognised) return undefined;
  const sample = [...new Set(distinctive)].slice(0, 4).join(', ');
  return `checked as an RKE2 config.yaml: ${known.length} of its ${keys.length} top-level keys are RKE2 flags (${sample}${distinctive.length > 4 ? ', …' : ''})`;
}

/**
 * `forceRke2Config` is the user's say-so (the `rke2Calico.configFiles` globs or the CLI's `--config` option).
 * Manifests are recognised by the API groups and image names they mention, so unrelated YAML costs a regex or two.
 */
export function classifyFile(path: string, text: string, forceRke2Config = false): Classification {
  if (forceRke2Config || isRke2ConfigPath(path)) return { kind: 'rke2-config' };
  if (/^#cloud-config\b/.test(text) || /^write_files[ \t]*:/m.test(text)) return { kind: 'cloud-init' };
  if (WRITES_RKE2_CONFIG.test(text) && LITERAL_CONTENT.test(text)) return { kind: 'config-writer' };
  if (MANIFEST_MARKERS.test(text)) return { kind: 'manifests' };
  const why = rke2ConfigByContent(path, text);
  return why ? { kind: 'rke2-config', why } : { kind: 'unrelated' };
}
