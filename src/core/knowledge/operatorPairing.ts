/**
 * Which tigera-operator release deploys which Calico release, and the rke2-calico charts that pin it, as observed in
 * RKE2. Source: rancher/rke2 `scripts/build-images` per tag and rancher/rke2-charts `values.yaml`
 * (`tigeraOperator.version`, `calicoctl.tag`) — REFERENCE §2.1.
 */
export interface OperatorPairing {
  readonly calico: string;
  readonly operator: string;
  readonly charts: readonly string[];
  /** Charts published in rancher/rke2-charts that no GA RKE2 tag references (at most release candidates). */
  readonly unreleasedCharts?: readonly string[];
}

export const OPERATOR_PAIRING_SOURCE =
  'rancher/rke2 scripts/build-images per tag; rancher/rke2-charts rke2-calico values.yaml (tigeraOperator.version)';

export const OPERATOR_PAIRINGS: readonly OperatorPairing[] = [
  { calico: 'v3.26.3', operator: 'v1.30.7', charts: ['v3.26.300'] },
  { calico: 'v3.27.0', operator: 'v1.32.3', charts: ['v3.27.002'] },
  { calico: 'v3.27.2', operator: 'v1.32.5', charts: ['v3.27.200'] },
  { calico: 'v3.27.3', operator: 'v1.32.7', charts: ['v3.27.300'] },
  { calico: 'v3.28.1', operator: 'v1.34.3', charts: ['v3.28.100'] },
  { calico: 'v3.28.2', operator: 'v1.34.5', charts: ['v3.28.200'] },
  { calico: 'v3.29.0', operator: 'v1.36.0', charts: ['v3.29.000'] },
  { calico: 'v3.29.1', operator: 'v1.36.2', charts: ['v3.29.100', 'v3.29.101'] },
  // v3.29.201 (2025-03-27, "Added backend as configuration value on Calico") was never referenced by an RKE2 tag.
  { calico: 'v3.29.2', operator: 'v1.36.5', charts: ['v3.29.200'], unreleasedCharts: ['v3.29.201'] },
  { calico: 'v3.29.3', operator: 'v1.36.7', charts: ['v3.29.300'] },
  { calico: 'v3.30.0', operator: 'v1.38.0', charts: ['v3.30.001'] },
  { calico: 'v3.30.1', operator: 'v1.38.1', charts: ['v3.30.100'] },
  { calico: 'v3.30.2', operator: 'v1.38.3', charts: ['v3.30.200'] },
  { calico: 'v3.30.3', operator: 'v1.38.6', charts: ['v3.30.300'] },
  { calico: 'v3.30.4', operator: 'v1.38.7', charts: ['v3.30.401'] },
  { calico: 'v3.31.2', operator: 'v1.40.2', charts: ['v3.31.200'] },
  { calico: 'v3.31.3', operator: 'v1.40.3', charts: ['v3.31.300'] },
  { calico: 'v3.31.4', operator: 'v1.40.7', charts: ['v3.31.400'] },
  { calico: 'v3.31.5', operator: 'v1.40.8', charts: ['v3.31.500'] },
  // v3.32.002 shipped only in the v1.33.12/v1.34.8/v1.35.5/v1.36.1 -rc1/-rc2+rke2r2 release candidates.
  { calico: 'v3.32.0', operator: 'v1.42.0', charts: ['v3.32.001', 'v3.32.003'], unreleasedCharts: ['v3.32.002'] },
  { calico: 'v3.32.1', operator: 'v1.42.3', charts: ['v3.32.100'] },
];
