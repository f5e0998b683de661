import type { TextSpan } from '../findings/finding';
import type { Position } from '../text/lineIndex';

/** A fact from outside the file being linted, with where it came from so messages can say so. */
export interface ContextFact<T> {
  readonly value: T;
  /** Human description of the origin: `setting rke2Calico.rke2Version`, `cluster.yaml:12`, `connected cluster`. */
  readonly source: string;
  readonly file?: string;
  readonly span?: TextSpan;
  /** Line/character of `span` in `file`, for editors that have not opened that file. */
  readonly range?: { readonly start: Position; readonly end: Position };
}

/** What the linter knows about the workspace beyond one file. */
export interface LintContext {
  /** The RKE2 version the cluster runs or will run. */
  readonly rke2Version?: ContextFact<string>;
  /** RKE2's `cluster-cidr`, as written in the workspace's config.yaml. */
  readonly clusterCidr?: ContextFact<readonly string[]>;
  /** Whether the workspace's RKE2 configs set `disable-kube-proxy: true` (false: configs exist and none does). */
  readonly kubeProxyDisabled?: ContextFact<boolean>;
}

export const EMPTY_CONTEXT: LintContext = {};
