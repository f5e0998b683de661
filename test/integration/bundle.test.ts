import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { analyzeBundle } from '../../src/bundle/analyzeBundle';
import { bundleFiles } from '../../src/bundle/bundleFiles';
import { openBundle } from '../../src/bundle/openBundle';
import { extractTarGz } from '../../src/bundle/tarExtract';
import type { BundleReportJson } from '../../src/cli/bundleCommand';
import { runInProcess } from '../cli/cliHarness';
import { writeBundleFolder, writeBundleTarball } from '../bundle/buildBundle';
import { loadScenario } from '../sim/simServer';

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'rke2-bundle-test-'));
}

function statuses(checks: readonly { id: string; status: string; summary: string }[]): Record<string, string> {
  return Object.fromEntries(checks.map((check) => [check.id, `${check.status}: ${check.summary}`]));
}

describe('support bundles', () => {
  it('give the race verdict, the race evidence and the log symptoms from a race bundle', () => {
    const root = writeBundleFolder(scratch(), loadScenario('race-3.29.2'), { second: 20 });
    const analysis = analyzeBundle(bundleFiles(root));
    const status = statuses(analysis.checks);
    assert.match(status['identity.bundle-version'] ?? '', /^fail: v1\.32\.2-rc2\+rke2r1 ships Calico v3\.29\.2: rancher\/rke2#7808/);
    assert.match(status['identity.known-issues'] ?? '', /^fail/);
    assert.match(status['nodes.ready'] ?? '', /^fail/);
    assert.match(status['workloads.calico-node'] ?? '', /^fail: calico-node ready on 0 of 5 nodes/);
    assert.match(status['race.sandbox-events'] ?? '', /^warn/);
    assert.match(status['logs.typha-unauthorized'] ?? '', /^fail: typha-unauthorized ×2/);
    assert.match(status['logs.clusterinformation-not-found'] ?? '', /^fail/);
    assert.match(status['host.cni-config'] ?? '', /^fail/);
    assert.match(status['config.rke2'] ?? '', /^fail/);
  });

  it('say "unknown: not in bundle" for what the collector does not dump, never pass', () => {
    const root = writeBundleFolder(scratch(), loadScenario('healthy'), { second: 100, withoutKubectl: true });
    const status = statuses(analyzeBundle(bundleFiles(root)).checks);
    for (const id of ['datastore.clusterinformation', 'rbac.calico', 'operator.installation', 'operator.tigerastatus', 'workloads.calico-typha', 'ippools.cidr', 'nodes.ready', 'host.calico-nodename']) {
      assert.match(status[id] ?? '', /^unknown: (unknown: )?not in bundle/, `${id}: ${status[id] ?? ''}`);
    }
  });

  it('find the failure modes whose data the collector dumps: addresses, upgrade logs, image pulls, tunnel MTU, VXLAN offload', () => {
    const addresses = statuses(analyzeBundle(bundleFiles(writeBundleFolder(scratch(), loadScenario('ip-autodetect'), { second: 0 }))).checks);
    assert.match(addresses['nodes.calico-addresses'] ?? '', /^warn: .*agent-1/);
    const upgrade = statuses(analyzeBundle(bundleFiles(writeBundleFolder(scratch(), loadScenario('upgrade-failed'), { second: 0 }))).checks);
    assert.match(upgrade['install.upgrade'] ?? '', /^fail: Helm failed on a Calico chart/);
    const images = statuses(analyzeBundle(bundleFiles(writeBundleFolder(scratch(), loadScenario('airgap-images'), { second: 0 }))).checks);
    assert.match(images['workloads.images'] ?? '', /^fail: 2 image\(s\) cannot be pulled/);
    const offload = analyzeBundle(bundleFiles(writeBundleFolder(scratch(), loadScenario('vxlan-offload'), { second: 0 }))).checks;
    assert.match(statuses(offload)['host.vxlan-offload'] ?? '', /^warn: TX checksum offload is on on vxlan\.calico with kernel 6\.12/);
    assert.equal(offload.find((check) => check.id === 'host.vxlan-offload')?.knownIssue?.id, 'projectcalico/calico#11435');
    const mtu = statuses(analyzeBundle(bundleFiles(writeBundleFolder(scratch(), loadScenario('mtu-jumbo'), { second: 0 }))).checks);
    assert.match(mtu['host.tunnel-mtu'] ?? '', /^fail: vxlan\.calico needs 1550-byte frames but eth0 carries 1500/);
    const healthy = statuses(analyzeBundle(bundleFiles(writeBundleFolder(scratch(), loadScenario('healthy'), { second: 100 }))).checks);
    for (const id of ['host.tunnel-mtu', 'host.vxlan-offload', 'nodes.calico-addresses', 'workloads.images']) assert.match(healthy[id] ?? '', /^pass/, `${id}: ${healthy[id] ?? ''}`);
    for (const id of ['ipam.blocks', 'dataplane.vxlan-offload']) assert.match(healthy[id] ?? '', /^unknown: (unknown: )?not in bundle/, `${id}: ${healthy[id] ?? ''}`);
  });

  it('never claims CRDs are Established from a name list', () => {
    const root = writeBundleFolder(scratch(), loadScenario('healthy'), { second: 100 });
    // A bundle carries no Calico version, so the release's CRD list is not known (it used to assume v3.29's 24).
    assert.match(statuses(analyzeBundle(bundleFiles(root)).checks)['crds.calico'] ?? '', /^unknown: unknown: (all \d+ CRDs present|the CRD list is not known for this release)/);
  });

  it('read host facts: loose rp_filter, NetworkManager managing cali*, firewalld running, modules not loaded', () => {
    const root = writeBundleFolder(scratch(), loadScenario('healthy'), { second: 100, host: { rpFilter: '2', unmanaged: 'interface-name:flannel*', firewalld: 'active', modules: ['ip_tables'] } });
    const status = statuses(analyzeBundle(bundleFiles(root)).checks);
    assert.match(status['host.rp-filter'] ?? '', /^warn/);
    assert.match(status['host.networkmanager'] ?? '', /^fail: NetworkManager may manage cali\*, tunl\*, vxlan\.calico/);
    assert.match(status['host.firewalld'] ?? '', /^warn/);
    assert.match(status['host.kernel-modules'] ?? '', /^warn: Not loaded when the bundle was collected/);
  });

  it('analyse a .tar.gz through the CLI with the check JSON plus log findings', async () => {
    const archive = writeBundleTarball(scratch(), loadScenario('race-3.29.2'), { second: 20 });
    const run = await runInProcess(['bundle', archive, '--format', 'json']);
    assert.equal(run.code, 1, run.stderr);
    const json = JSON.parse(run.stdout) as BundleReportJson;
    assert.equal(json.cluster.rke2, 'v1.32.2-rc2+rke2r1');
    assert.ok(json.findings.some((finding) => finding.code === 'typha-unauthorized' && finding.knownIssue === 'rancher/rke2#7808'));
    assert.ok(json.summary.unknown > 0);
    assert.deepEqual(json.skipped, []);
  });

  it('analyse the shipped demo sample as the #7808 race', async () => {
    const opened = await openBundle(join(__dirname, '../../../test/fixtures/bundles/server-1-2025-02-19_14_30_00.tar.gz'));
    assert.ok(opened.ok, opened.ok ? '' : opened.error);
    try {
      const status = statuses(opened.bundle.analysis.checks);
      assert.match(status['identity.bundle-version'] ?? '', /^fail: v1\.32\.2-rc2\+rke2r1/);
      assert.match(status['logs.typha-unauthorized'] ?? '', /^fail/);
    } finally {
      opened.bundle.dispose();
    }
  });

  it('exits 0 on a healthy bundle and 2 on something that is not a bundle', async () => {
    const healthy = writeBundleTarball(scratch(), loadScenario('healthy'), { second: 100 });
    const good = await runInProcess(['bundle', healthy]);
    assert.equal(good.code, 0, good.stdout);
    const notBundle = scratch();
    writeFileSync(join(notBundle, 'readme.txt'), 'hello');
    const folder = await runInProcess(['bundle', notBundle]);
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /does not look like a Rancher logs collector bundle/);
  });
});

describe('tarballs are read safely', () => {
  function tarball(build: (folder: string) => void, tarArgs: (folder: string) => string[]): string {
    const folder = scratch();
    build(folder);
    const archive = join(scratch(), 'bundle.tar.gz');
    execFileSync('tar', ['-czf', archive, ...tarArgs(folder)]);
    return archive;
  }

  it('refuses path traversal and absolute paths, and never follows or creates links', async () => {
    const archive = tarball((folder) => {
      mkdirSync(join(folder, 'node/systeminfo'), { recursive: true });
      writeFileSync(join(folder, 'node/systeminfo/sysctla'), 'net.ipv4.ip_forward = 1\n');
      symlinkSync('/etc/passwd', join(folder, 'node/systeminfo/passwd-link'));
    }, (folder) => ['-C', folder, '--transform', 's,^node/systeminfo/sysctla$,../../escaped,', 'node']);
    const destination = join(scratch(), 'out');
    const result = await extractTarGz(archive, destination);
    assert.ok(result.skipped.some((entry) => entry.includes('escaped') && entry.includes('unsafe path')), result.skipped.join('; '));
    assert.ok(result.skipped.some((entry) => entry.includes('symbolic link')));
    assert.ok(!existsSync(join(destination, '../../escaped')) && !existsSync(join(destination, '..', 'escaped')));
    assert.ok(!existsSync(join(destination, 'node/systeminfo/passwd-link')));
    const absolute = tarball((folder) => writeFileSync(join(folder, 'f.txt'), 'x'), (folder) => ['-P', join(folder, 'f.txt')]);
    const absoluteResult = await extractTarGz(absolute, join(scratch(), 'abs'));
    assert.equal(absoluteResult.files, 0);
    assert.match(absoluteResult.skipped[0] ?? '', /unsafe path/);
  });

  it('enforces file-count and size limits', async () => {
    const archive = tarball((folder) => {
      for (let index = 0; index < 20; index++) writeFileSync(join(folder, `f${index}.log`), 'x'.repeat(1000));
    }, (folder) => ['-C', folder, '.']);
    await assert.rejects(extractTarGz(archive, join(scratch(), 'a'), { maxFiles: 10, maxTotalBytes: 1e9, maxFileBytes: 1e9 }), /more than 10 files/);
    await assert.rejects(extractTarGz(archive, join(scratch(), 'b'), { maxFiles: 100, maxTotalBytes: 5000, maxFileBytes: 1e9 }), /unpacks to more than 5000 bytes/);
    await assert.rejects(extractTarGz(archive, join(scratch(), 'c'), { maxFiles: 100, maxTotalBytes: 1e9, maxFileBytes: 500 }), /over the 500-byte limit/);
  });

  it('gives a clear message for corrupt archives and leaves no extracted copy behind', async () => {
    const extractedCopies = (): string[] => readdirSync(tmpdir()).filter((name) => name.startsWith('rke2-calico-bundle-'));
    const before = extractedCopies();
    const folder = scratch();
    writeFileSync(join(folder, 'not-gzip.tar.gz'), 'this is not gzip');
    const notGzip = await openBundle(join(folder, 'not-gzip.tar.gz'));
    assert.ok(!notGzip.ok);
    assert.match(notGzip.error, /cannot read .* as a \.tar\.gz/);
    const header = Buffer.alloc(512, 0x41);
    writeFileSync(join(folder, 'bad-header.tar.gz'), gzipSync(Buffer.concat([header, Buffer.alloc(1024)])));
    const badHeader = await openBundle(join(folder, 'bad-header.tar.gz'));
    assert.ok(!badHeader.ok);
    assert.match(badHeader.error, /corrupt tar archive/);
    const archive = writeBundleTarball(scratch(), loadScenario('healthy'), { second: 100 });
    const truncated = join(folder, 'truncated.tar.gz');
    const whole = execFileSync('gzip', ['-dc', archive]);
    writeFileSync(truncated, gzipSync(whole.subarray(0, 700)));
    const result = await openBundle(truncated);
    assert.ok(!result.ok);
    assert.match(result.error, /ends in the middle of an entry/);
    assert.deepEqual(extractedCopies().filter((name) => !before.includes(name)), []);
  });
});
