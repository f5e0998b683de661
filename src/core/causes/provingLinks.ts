import type { RootCauseJson } from './rootCauseReport';

/**
 * The links of a root cause worth showing: those resting on a node or a log line, which prove the chain; the
 * installation-wide ones say nothing the list of what it explains does not. At most three. Type-only imports, so
 * the webviews can use it without bundling the cause graph; a report saved before links were recorded has none.
 */
export function provingLinks(cause: Pick<RootCauseJson, 'links'>): string[] {
  return (cause.links as readonly { link: string }[] | undefined ?? []).map((entry) => entry.link).filter((link) => /^both on node |logged "/.test(link)).slice(0, 3);
}
