/** What a YAML file is to this product, decided by its path and then by its content. */
export type FileKind = 'rke2-config' | 'manifests' | 'unrelated';

const RKE2_CONFIG_PATH = /(?:^|[\\/])rancher[\\/]rke2[\\/]config\.yaml$|(?:^|[\\/])rke2[\\/]config\.yaml\.d[\\/][^\\/]+\.ya?ml$/;
/** The support-bundle copies of the same files (logs collector `rke2/config.yaml`, `rke2/config.yaml.d`). */
const BUNDLE_CONFIG_PATH = /(?:^|[\\/])rke2[\\/]config\.yaml$/;
const MANIFEST_MARKERS = /\b(?:helm\.cattle\.io|provisioning\.cattle\.io|upgrade\.cattle\.io)\/v1\b|mirrored-calico-|calico\/(?:node|typha|cni|kube-controllers)|tigera\/operator/;

export function isRke2ConfigPath(path: string): boolean {
  return RKE2_CONFIG_PATH.test(path) || BUNDLE_CONFIG_PATH.test(path);
}

export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/**
 * `forceRke2Config` is the user's say-so (the `rke2Calico.configFiles` globs or the CLI's `--config` option).
 * Manifests are recognised by the API groups and image names they mention, so unrelated YAML costs one regex test.
 */
export function classifyFile(path: string, text: string, forceRke2Config = false): FileKind {
  if (forceRke2Config || isRke2ConfigPath(path)) return 'rke2-config';
  return MANIFEST_MARKERS.test(text) ? 'manifests' : 'unrelated';
}
