/** The timing lines of the work that runs without a cluster, written the same by the CLI and the editor. */

/** `lint config.yaml: 3 finding(s) in 2 ms` */
export function lintTiming(file: string, findings: number, ms: number): string {
  return `lint ${file}: ${findings} finding(s) in ${ms} ms`;
}

/** `log scan calico-typha.log: 2 finding(s) in 5,000 line(s), 12 ms` */
export function logScanTiming(file: string, findings: number, lines: number, ms: number): string {
  return `log scan ${file}: ${findings} finding(s) in ${lines} line(s), ${ms} ms`;
}
