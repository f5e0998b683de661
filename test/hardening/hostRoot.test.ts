/**
 * `check --host-root DIR` over a folder whose files are links out of it and special files: before, a link to
 * /dev/zero ate memory, a FIFO hung the check, and a file outside the root was reported as the node's own. Now only
 * regular files whose links stay under the root are read.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { hostFilesAt } from '../../src/host/hostFiles';
import { recordMeasurement, runCli } from './bundleRun';
import { clusterCase } from './clusterHarness';
import type { CheckReportJson } from '../../src/core/checks/checkReport';

function hostileRoot(folder: string): { root: string; outside: string } {
  const root = join(folder, 'node');
  const outside = join(folder, 'outside');
  for (const path of ['etc/rancher/rke2', 'proc/sys/kernel', 'proc/sys/net/ipv4', 'var/lib/calico', 'etc/cni/net.d', 'sys/class/net/eth0']) mkdirSync(join(root, path), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'nodename'), 'someone-elses-node\n');
  writeFileSync(join(outside, 'ip_forward'), '1\n');
  symlinkSync('/dev/zero', join(root, 'proc/sys/kernel/osrelease'));
  execFileSync('mkfifo', [join(root, 'proc/modules')]);
  execFileSync('mkfifo', [join(root, 'sys/class/net/eth0/mtu')]);
  symlinkSync(join(outside, 'nodename'), join(root, 'var/lib/calico/nodename'));
  symlinkSync('../../../../../outside/ip_forward', join(root, 'proc/sys/net/ipv4/ip_forward'));
  // A link that stays inside the root is followed, as on a real node.
  writeFileSync(join(root, 'etc/cni/net.d/real.conflist'), '{}');
  symlinkSync('real.conflist', join(root, 'etc/cni/net.d/10-calico.conflist'));
  return { root, outside };
}

describe('check --host-root: links out of the root, devices and FIFOs', () => {
  it('nothing outside the root is read or reported, no device is read, no FIFO waited on', async () => {
    const { folder, tmp } = clusterCase('host-root-links');
    const { root } = hostileRoot(folder);
    const run = await runCli(['check', '--no-cluster', '--host-root', root, '--format', 'json'], { tmp, timeoutMs: 20_000 });
    recordMeasurement('host-root: links out, /dev/zero, FIFOs', run);
    assert.equal(run.killedBy, undefined, `killed (${run.killedBy ?? ''}) after ${run.ms} ms at ${run.peakRssMiB} MiB`);
    assert.equal(run.code, 1, run.stderr);
    assert.ok(run.ms < 5000, `${run.ms} ms`);
    assert.ok(run.peakRssMiB < 200, `peak RSS ${run.peakRssMiB} MiB`);
    assert.ok(!run.stdout.includes('someone-elses-node'), 'the outside nodename is not reported as this node\'s');
    const checks = (JSON.parse(run.stdout) as CheckReportJson).checks;
    const byId = new Map(checks.map((check) => [check.id, check]));
    assert.equal(byId.get('host.calico-nodename')?.status, 'fail');
    assert.equal(byId.get('host.ip-forward')?.status, 'unknown', 'the outside ip_forward is not read');
    assert.equal(byId.get('host.cni-config')?.status, 'pass', 'a link inside the root is followed');
  });

  it('in-process: read() refuses the link out, the device and the FIFO; exists() agrees', () => {
    const { folder } = clusterCase('host-root-in-process');
    const { root } = hostileRoot(folder);
    const files = hostFilesAt(root);
    assert.equal(files.read('/var/lib/calico/nodename'), undefined);
    assert.equal(files.exists('/var/lib/calico/nodename'), false);
    assert.equal(files.read('/proc/sys/kernel/osrelease'), undefined);
    assert.equal(files.read('/proc/modules'), undefined);
    assert.equal(files.read('/../outside/nodename'), undefined);
    assert.equal(files.read('/etc/cni/net.d/10-calico.conflist'), '{}');
  });
});
