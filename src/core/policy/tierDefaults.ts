import type { Tier } from './policyModel';

/**
 * Tiers Calico creates itself. `default` holds Calico policies without a tier and every Kubernetes NetworkPolicy
 * (order 1,000,000 in libcalico-go api/v3 `DefaultTierOrder`); since v3.29 AdminNetworkPolicy has its own tier
 * before it and BaselineAdminNetworkPolicy one after it, both ending in Pass so that what they leave undecided
 * goes on (Calico docs, "Kubernetes admin network policy").
 */
export const DEFAULT_TIER: Tier = { name: 'default', order: 1_000_000, defaultAction: 'Deny' };
export const ADMIN_TIER: Tier = { name: 'adminnetworkpolicy', order: 1_000, defaultAction: 'Pass' };
export const BASELINE_ADMIN_TIER: Tier = { name: 'baselineadminnetworkpolicy', order: 10_000_000, defaultAction: 'Pass' };

/** The order Calico gives a converted Kubernetes NetworkPolicy (libcalico-go k8s/conversion). */
export const KUBERNETES_POLICY_ORDER = 1000;
