// `npm run demo`: shows the product's answers on sample inputs taken from the rancher/rke2#7808 story.
// (The simulated cluster and the editor demo join this script as those parts of the product land.)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const samples = [
  ['v1.32.2-rc2+rke2r1', 'the release candidate #7808 was reported on'],
  ['v1.31.7+rke2r1', 'a GA release that still ships Calico v3.29.2'],
  ['v1.29.15+rke2r1', 'the last v1.29 release: no v1.29 release leaves v3.29.2'],
  ['v1.36.5', 'ambiguous: a tigera-operator version that looks like an RKE2 version'],
  ['v3.29.2', 'a Calico version: which RKE2 releases ship it'],
  ['v1.33.0+rke2r1', 'a release that never shipped v3.29.2'],
];

for (const [version, why] of samples) {
  console.log(`\n$ rke2-calico-diag versions ${version}      # ${why}`);
  const run = spawnSync(process.execPath, [cli, 'versions', version], { encoding: 'utf8' });
  process.stdout.write(run.stdout + run.stderr);
  console.log(`(exit code ${run.status})`);
}
