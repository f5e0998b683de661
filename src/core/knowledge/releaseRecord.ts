/** One RKE2 build and the Calico stack it ships. Versions are canonical strings with a leading `v`. */
export interface ReleaseRecord {
  readonly rke2: string;
  /** rke2-calico chart. */
  readonly chart: string;
  readonly calico: string;
  /** tigera-operator image tag pinned by the chart. */
  readonly operator: string;
  /** rke2-calico-crd chart; undefined where the source does not say. */
  readonly crdChart: string | undefined;
  /** hardened-containerd version without the image build suffix. */
  readonly containerd: string;
  /** ISO date; undefined for release candidates. */
  readonly released: string | undefined;
  /** Where `released` comes from: the release-notes table, or the tag's commit date for re-spins without a row. */
  readonly releasedFrom: 'release-notes' | 'tag-commit' | undefined;
  readonly note?: string;
}
