/**
 * Lint speed: (1) one typical RKE2 config.yaml, (2) a 10 MB folder of multi-document manifests against plain
 * `yaml.parseAllDocuments` of the same files. Run with `npm run bench:lint`; results go to bench/results/lint.md.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { lintFile } from '../src/core/files/lintFile';
import { lintWorkspace, type WorkspaceFile } from '../src/core/files/workspaceContext';

const ROOT = join(__dirname, '../..');
const TYPICAL = readFileSync(join(ROOT, 'test/fixtures/workspace/etc/rancher/rke2/config.yaml'), 'utf8');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(run: () => void): number {
  const started = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function manifestDocument(index: number): string {
  switch (index % 4) {
    case 0:
      return `apiVersion: helm.cattle.io/v1\nkind: HelmChartConfig\nmetadata:\n  name: rke2-calico\n  namespace: kube-system\nspec:\n  valuesContent: |-\n    installation:\n      calicoNetwork:\n        bgp: Disabled\n        mtu: ${1400 + (index % 50)}\n        ipPools:\n          - cidr: 10.42.0.0/16\n            encapsulation: VXLAN\n            natOutgoing: Enabled\n    felixConfiguration:\n      featureDetectOverride: "ChecksumOffloadBroken=true"\n    tigeraOperator:\n      version: v1.36.${index % 2 === 0 ? 5 : 7}\n`;
    case 1:
      return `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${index}\n  namespace: team-${index % 17}\n  labels: {app: app-${index}, tier: backend}\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {app: app-${index}}\n  template:\n    metadata:\n      labels: {app: app-${index}}\n    spec:\n      containers:\n        - name: main\n          image: registry.example.com/app:${index}\n          args: ["--port=8080", "--log-level=info"]\n          resources: {requests: {cpu: 100m, memory: 128Mi}}\n        - name: calico-sidecar\n          image: docker.io/rancher/mirrored-calico-node:v3.29.${index % 4}\n`;
    case 2:
      return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${index}\ndata:\n${Array.from({ length: 12 }, (_, key) => `  key-${key}: "value ${index}-${key}"`).join('\n')}\n`;
    default:
      return `apiVersion: helm.cattle.io/v1\nkind: HelmChart\nmetadata:\n  name: rke2-calico\n  namespace: kube-system\n  annotations:\n    helm.cattle.io/chart-url: https://rke2-charts.rancher.io/assets/rke2-calico/rke2-calico-v3.29.${index % 3}00.tgz\nspec:\n  version: v3.29.${index % 3}00\n  bootstrap: true\n`;
  }
}

function manifestFolder(totalBytes: number): WorkspaceFile[] {
  const files: WorkspaceFile[] = [];
  let size = 0;
  let index = 0;
  while (size < totalBytes) {
    const documents = Array.from({ length: 40 }, () => manifestDocument(index++));
    const text = documents.join('---\n');
    files.push({ path: `/bench/manifests/file-${files.length}.yaml`, text });
    size += text.length;
  }
  return files;
}

/**
 * Real manifests: projectcalico/calico's `manifests/` folder (17 MB, CRDs, the operator, calico.yaml variants), read
 * from CALICO_MANIFESTS (a checkout's manifests/ folder); CALICO_MANIFESTS_REF names the commit for the record.
 */
function calicoManifests(): WorkspaceFile[] | undefined {
  const folder = process.env.CALICO_MANIFESTS;
  if (!folder) return undefined;
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(folder, entry))
    .filter((path) => /\.ya?ml$/.test(path) && statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

function compare(files: readonly WorkspaceFile[]): { parse: number; lint: number; findings: number } {
  const parseRuns: number[] = [];
  const lintRuns: number[] = [];
  let findings = 0;
  for (let round = 0; round < 5; round++) {
    parseRuns.push(time(() => files.forEach((file) => parseAllDocuments(file.text))));
    lintRuns.push(time(() => (findings = lintWorkspace(files).reduce((sum, file) => sum + file.findings.length, 0))));
  }
  return { parse: median(parseRuns), lint: median(lintRuns), findings };
}

function main(): void {
  for (let warm = 0; warm < 200; warm++) lintFile('/etc/rancher/rke2/config.yaml', TYPICAL);
  const typical = median(Array.from({ length: 2000 }, () => time(() => lintFile('/etc/rancher/rke2/config.yaml', TYPICAL))));

  const folder = manifestFolder(10 * 1024 * 1024);
  const bytes = folder.reduce((sum, file) => sum + file.text.length, 0);
  const generated = compare(folder);
  const real = calicoManifests();
  const realRows: string[] = [];
  if (real) {
    const realBytes = real.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
    const measured = compare(real);
    realRows.push(
      `| \`yaml.parseAllDocuments\` of projectcalico/calico \`manifests/\`${process.env.CALICO_MANIFESTS_REF ? ` @ ${process.env.CALICO_MANIFESTS_REF.slice(0, 12)}` : ''} (${real.length} files, ${(realBytes / 1024 / 1024).toFixed(1)} MB) | ${measured.parse.toFixed(0)} ms | — |`,
      `| lint of the same files (${measured.findings} findings) | ${measured.lint.toFixed(0)} ms | — |`,
      `| ratio lint / parse on real Calico manifests | ${(measured.lint / measured.parse).toFixed(2)}× | ≤ 1.1× |`,
    );
  } else {
    realRows.push('| real Calico manifests | not measured: set CALICO_MANIFESTS to a projectcalico/calico checkout\'s manifests/ folder | ≤ 1.1× |');
  }
  const lines = [
    '# Lint benchmark',
    '',
    `Machine: ${process.platform} ${process.arch}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. Median of runs.`,
    '',
    '| measurement | result | goal |',
    '|---|---|---|',
    `| lint of a typical config.yaml (${TYPICAL.length} bytes, 2000 runs) | ${typical.toFixed(3)} ms | ≤ 5 ms |`,
    ...realRows,
    `| \`yaml.parseAllDocuments\` of a generated ${(bytes / 1024 / 1024).toFixed(1)} MB folder (${folder.length} files, ${folder.length * 40} documents) | ${generated.parse.toFixed(0)} ms | — |`,
    `| lint of the same folder (context + all rules, ${generated.findings} findings) | ${generated.lint.toFixed(0)} ms | — |`,
    `| ratio lint / parse | ${(generated.lint / generated.parse).toFixed(2)}× | ≤ 2× |`,
    '',
  ];
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/lint.md'), lines.join('\n'));
  process.stdout.write(lines.join('\n'));
}

main();
