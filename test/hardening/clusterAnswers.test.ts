/**
 * Hostile and unhelpful API answers from the simulated server, run through the built CLI (`check`) in a child
 * process: every read forbidden, required reads forbidden, the bearer token echoed in 401/403 bodies, a Retry-After
 * of 100,000 s, huge bodies on every parallel read, helm-install Jobs running or missing, TLS verification off.
 * Each case asserts the exit code, the message, that nothing passes on what could not be read, and where it
 * matters the peak RSS and the wall time.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLUSTER_CHECKS } from '../../src/core/checks/runClusterChecks';
import type { ClusterState } from '../sim/scenarioTypes';
import { assertExit, assertNoPass, assertNotPrinted, assertOnlyGets, clusterCase, EXIT, reportOf, runCheck, scenarioWith, statuses, withSim, writeKubeconfig } from './clusterHarness';

/** Every resource plural the check reads. */
const EVERY_RESOURCE: ClusterState['forbidden'] = ['nodes', 'customresourcedefinitions', 'clusterinformations', 'ippools', 'installations', 'tigerastatuses', 'helmcharts', 'pods', 'clusterroles', 'clusterrolebindings', 'deployments', 'daemonsets', 'endpoints', 'jobs', 'events', 'felixconfigurations', 'ipamconfigs', 'ipamblocks', 'blockaffinities', 'configmaps'];
/** Cluster checks a healthy Calico cluster runs (the Host checks aside). */
const CLUSTER_CHECK_COUNT = CLUSTER_CHECKS.length;
const MiB = 1024 * 1024;

describe('check: reads that fail are "could not verify" (exit 3), never a pass', () => {
  it(`every read forbidden: all ${CLUSTER_CHECK_COUNT} checks unknown, exit 3, the same verdict in text and JSON`, async () => {
    await withSim(scenarioWith('healthy', { forbidden: EVERY_RESOURCE }), [], async (sim) => {
      const { folder, tmp } = clusterCase('forbidden-everything');
      const kubeconfig = writeKubeconfig(folder, sim);
      const json = await runCheck('every read forbidden (json)', kubeconfig, ['--format', 'json'], { tmp, folder });
      assertExit(json, EXIT.unverified);
      assert.match(json.stderr, new RegExp(`could not verify: ${CLUSTER_CHECK_COUNT} of ${CLUSTER_CHECK_COUNT} checks are unknown \\(more than half\\): nothing was verified`));
      const report = reportOf(json);
      assert.equal(report.checks.filter((check) => check.area !== 'Host').length, CLUSTER_CHECK_COUNT);
      assert.ok(report.checks.filter((check) => check.area !== 'Host').every((check) => check.status === 'unknown' && check.summary.startsWith('unknown: forbidden')));
      assert.deepEqual(report.verdict, { status: 'could-not-verify', label: 'could not verify', reason: `${CLUSTER_CHECK_COUNT} of ${CLUSTER_CHECK_COUNT} checks are unknown (more than half): nothing was verified` });
      assertNoPass(report);
      const text = await runCheck('every read forbidden (text)', kubeconfig, [], { tmp, folder });
      assertExit(text, EXIT.unverified);
      assert.match(text.stdout, new RegExp(`\\nVerdict: could not verify — ${CLUSTER_CHECK_COUNT} of ${CLUSTER_CHECK_COUNT} checks are unknown`));
      assertOnlyGets(sim);
    });
  });

  it(`nodes forbidden: only 6 of ${CLUSTER_CHECK_COUNT} unknown, but required checks among them: exit 3`, async () => {
    await withSim(scenarioWith('healthy', { forbidden: ['nodes'] }), [], async (sim) => {
      const { folder, tmp } = clusterCase('forbidden-nodes');
      const run = await runCheck('nodes forbidden', writeKubeconfig(folder, sim), ['--format', 'json'], { tmp, folder });
      assertExit(run, EXIT.unverified);
      assert.match(run.stderr, /could not verify: required check\(s\) unknown: Known Calico issues for these versions; Node conditions \(Ready, network\)/);
      const report = reportOf(run);
      assert.equal(report.summary.unknown, 6);
      assertNoPass(report, ['identity.versions', 'identity.known-issues', 'nodes.ready', 'race.join-burst', 'nodes.calico-addresses', 'nodes.windows']);
    });
  });

  it('CRDs and RBAC forbidden (the forbidden scenario): 2 unknown, no required one: exit 0 with the warning verdict', async () => {
    await withSim('forbidden', [], async (sim) => {
      const { folder, tmp } = clusterCase('forbidden-scenario');
      const run = await runCheck('CRDs and RBAC forbidden', writeKubeconfig(folder, sim), ['--format', 'json'], { tmp, folder });
      assertExit(run, EXIT.ok);
      const report = reportOf(run);
      assert.equal(report.verdict?.status, 'warn');
      assert.equal(report.verdict.label, '2 unknown');
      assertNoPass(report, ['crds.calico', 'rbac.calico']);
    });
  });
});

describe('check: a server that echoes the bearer token', () => {
  it('403 bodies quoting "Authorization: Bearer <token>" and the bare token: never printed, exit 3', async () => {
    await withSim('healthy', [{ path: '.', status: 403, echoAuthorization: true }], async (sim) => {
      const { folder, tmp } = clusterCase('echo-403');
      const kubeconfig = writeKubeconfig(folder, sim);
      for (const format of ['json', 'text']) {
        const run = await runCheck(`403 echoes the token (${format})`, kubeconfig, ['--format', format], { tmp, folder });
        assertExit(run, EXIT.unverified);
        assertNotPrinted(run, sim.token, 'the bearer token');
        assert.match(run.stdout, /forbidden: the request with \\?"Authorization: Bearer \[redacted\]\\?" was refused; token \[redacted\] may not get/);
      }
    });
  });

  it('401 bodies echoing it: exit 2 (credentials rejected), never printed', async () => {
    await withSim('healthy', [{ path: '.', status: 401, echoAuthorization: true }], async (sim) => {
      const { folder, tmp } = clusterCase('echo-401');
      const run = await runCheck('401 echoes the token', writeKubeconfig(folder, sim), ['--format', 'json'], { tmp, folder });
      assertExit(run, EXIT.unreachable);
      assert.match(run.stderr, /could not read the cluster: unauthorized: the request with "Authorization: Bearer \[redacted\]" was refused/);
      assertNotPrinted(run, sim.token, 'the bearer token');
      assertNoPass(reportOf(run), ['nodes.ready', 'identity.known-issues', 'crds.calico']);
    });
  });
});

describe('check: retries stay within the time budget of each read', () => {
  it('Retry-After: 100000 on every read with --timeout 5: not waited for, done in under 5 s, exit 3', async () => {
    await withSim('healthy', [{ path: '.', status: 429, retryAfterSeconds: 100_000 }], async (sim) => {
      const { folder, tmp } = clusterCase('retry-after-100000');
      const run = await runCheck('Retry-After 100000, --timeout 5', writeKubeconfig(folder, sim), ['--format', 'json', '--timeout', '5'], { tmp, folder, timeoutMs: 90_000 });
      assertExit(run, EXIT.unverified);
      assert.ok(run.ms < 5000, `${run.ms} ms`);
      const report = reportOf(run);
      assert.match(report.checks.find((check) => check.id === 'nodes.ready')?.evidence.join('\n') ?? '', /HTTP 429: injected 429 \(not retried: the server asked to retry after 100000 s, past the 5 s time budget of this read; 1 attempt\)/);
      assertNoPass(report, report.checks.filter((check) => check.area !== 'Host').map((check) => check.id));
      assert.equal(sim.requests.filter((request) => request.status === 429).length, sim.requests.length, 'one attempt per read, no retry');
    });
  });

  it('Retry-After: 1 on the first 8 reads: waited for and retried within the budget, the check passes', async () => {
    await withSim('healthy', [{ path: '.', status: 429, retryAfterSeconds: 1, times: 8 }], async (sim) => {
      const { folder, tmp } = clusterCase('retry-after-1');
      const run = await runCheck('Retry-After 1 on 8 reads, --timeout 5', writeKubeconfig(folder, sim), ['--format', 'json', '--timeout', '5'], { tmp, folder });
      assertExit(run, EXIT.ok);
      assert.ok(run.ms >= 1000 && run.ms < 5000, `${run.ms} ms`);
      assert.equal(reportOf(run).verdict?.status, 'pass');
      assert.equal(sim.requests.filter((request) => request.status === 429).length, 8);
    });
  });
});

describe('check: huge bodies on every parallel read stay within the memory budget', () => {
  it('300 MiB answers (over the 64 MiB per-answer limit): refused as they arrive, exit 2, peak RSS < 400 MiB', async () => {
    await withSim('healthy', [{ path: '.', bodyBytes: 300 * MiB }], async (sim) => {
      const { folder, tmp } = clusterCase('bodies-300mib');
      const run = await runCheck('300 MiB answers on every read', writeKubeconfig(folder, sim), ['--format', 'json'], { tmp, folder, killAboveMiB: 3072, timeoutMs: 60_000 });
      assertExit(run, EXIT.unreachable);
      assert.match(run.stderr, /could not read the cluster: (the API's answers being received together exceed the 100663296-byte memory budget|response larger than 67108864 bytes)/);
      assertNoPass(reportOf(run), ['nodes.ready', 'crds.calico', 'workloads.calico-node', 'identity.known-issues']);
      assert.ok(run.peakRssMiB < 400, `peak RSS ${run.peakRssMiB} MiB`);
      // Memory is what this case is about; the time bound only catches a hang (a loaded machine takes twice as long).
      assert.ok(run.ms < 40_000, `${run.ms} ms`);
    });
  });

  it('60 MiB answers (each under the limit, 8 at once far over the budget): exit 2, peak RSS < 800 MiB', async () => {
    await withSim('healthy', [{ path: '.', bodyBytes: 60 * MiB, malformed: true }], async (sim) => {
      const { folder, tmp } = clusterCase('bodies-60mib');
      const run = await runCheck('60 MiB answers on every read', writeKubeconfig(folder, sim), ['--format', 'json'], { tmp, folder, killAboveMiB: 3072, timeoutMs: 60_000 });
      assertExit(run, EXIT.unreachable);
      assert.match(run.stderr, /could not read the cluster: (the API's answers being received together exceed the 100663296-byte memory budget|the API answered \/api\/v1\/nodes\?limit=1000 with a body that is not JSON|not kept)/);
      const report = reportOf(run);
      assertNoPass(report, report.checks.filter((check) => check.area !== 'Host').map((check) => check.id));
      assert.ok(report.checks.some((check) => check.evidence.some((line) => line.includes('memory budget'))), 'some reads were stopped by the budget');
      assert.ok(run.peakRssMiB < 800, `peak RSS ${run.peakRssMiB} MiB`);
      assert.ok(run.ms < 40_000, `${run.ms} ms`);
    });
  });
});

describe('check: helm-install Jobs', () => {
  it('a Job still running (status: {active: 1}) is a warning with its attempt, not "succeeded"', async () => {
    await withSim(scenarioWith('healthy', { helmJobs: { failedAttempts: 0, succeeded: false } }), [], async (sim) => {
      const { folder, tmp } = clusterCase('helm-job-running');
      const run = await runCheck('helm-install Job running', writeKubeconfig(folder, sim), ['--format', 'json'], { tmp, folder });
      assertExit(run, EXIT.ok);
      const check = reportOf(run).checks.find((entry) => entry.id === 'install.helm-jobs');
      assert.equal(check?.status, 'warn');
      assert.equal(check.summary, 'helm-install-rke2-calico-crd not complete yet: attempt 1 running, 0 failed so far; helm-install-rke2-calico not complete yet: attempt 1 running, 0 failed so far');
      assert.ok(check.evidence.includes('Job helm-install-rke2-calico: succeeded=0 failed=0 active=1 (not complete: attempt 1 running)'));
    });
  });

  it('a Job running after 2 failed attempts: attempt 3', async () => {
    await withSim(scenarioWith('healthy', { helmJobs: { failedAttempts: 2, succeeded: false } }), [], async (sim) => {
      const { folder, tmp } = clusterCase('helm-job-retrying');
      const run = await runCheck('helm-install Job on attempt 3', writeKubeconfig(folder, sim), ['--format', 'json'], { tmp, folder });
      const check = reportOf(run).checks.find((entry) => entry.id === 'install.helm-jobs');
      assert.equal(check?.status, 'warn');
      assert.match(check.summary, /helm-install-rke2-calico not complete yet: attempt 3 running, 2 failed so far/);
    });
  });

  it('a Job missing while its HelmChart exists is unknown, with the reason', async () => {
    await withSim('healthy', [{ path: '/jobs/helm-install-rke2-calico$', status: 404 }], async (sim) => {
      const { folder, tmp } = clusterCase('helm-job-missing');
      const run = await runCheck('helm-install Job missing', writeKubeconfig(folder, sim), ['--format', 'json'], { tmp, folder });
      assertExit(run, EXIT.ok);
      const check = reportOf(run).checks.find((entry) => entry.id === 'install.helm-jobs');
      assert.equal(check?.status, 'unknown');
      assert.equal(check.summary, 'unknown: helm-install-rke2-calico not found');
      assert.ok(check.evidence.includes('Job kube-system/helm-install-rke2-calico: not found — HelmChart rke2-calico exists, so helm-controller has not created the Job yet or it was deleted; whether the chart was installed cannot be told from it'));
    });
  });
});

describe('check: insecure-skip-tls-verify is never silent', () => {
  it('next to a CA (here one that did not sign the server): a warning check, a stderr line and the text output', async () => {
    await withSim('healthy', [], async (sim) => {
      const { folder, tmp } = clusterCase('insecure-with-ca');
      const kubeconfig = writeKubeconfig(folder, sim, { caPem: sim.otherCaPem, insecure: true });
      const json = await runCheck('insecure-skip-tls-verify next to a CA', kubeconfig, ['--format', 'json'], { tmp, folder });
      assertExit(json, EXIT.ok);
      assert.match(json.stderr, /warning: TLS verification is off \(insecure-skip-tls-verify: true in the kubeconfig; its certificate-authority is ignored\)/);
      const report = reportOf(json);
      assert.deepEqual(statuses(report)['identity.tls'], 'warn');
      assert.equal(report.checks[0]?.summary, 'TLS verification is off: the kubeconfig sets insecure-skip-tls-verify: true, and the certificate-authority next to it is ignored');
      assert.equal(report.verdict?.status, 'warn');
      const text = await runCheck('insecure-skip-tls-verify (text)', kubeconfig, [], { tmp, folder });
      assert.match(text.stdout, /WARN {4}API server's TLS certificate: TLS verification is off/);
    });
  });

  it('without a CA: the same warning, without the CA note; a verified connection adds no check', async () => {
    await withSim('healthy', [], async (sim) => {
      const { folder, tmp } = clusterCase('insecure-without-ca');
      const insecure = await runCheck('insecure-skip-tls-verify without a CA', writeKubeconfig(folder, sim, { caPem: null, insecure: true }), ['--format', 'json'], { tmp, folder });
      assert.equal(reportOf(insecure).checks[0]?.summary, 'TLS verification is off: the kubeconfig sets insecure-skip-tls-verify: true');
      const verified = await runCheck('verified TLS', writeKubeconfig(folder, sim), ['--format', 'json'], { tmp, folder });
      assertExit(verified, EXIT.ok);
      assert.ok(!reportOf(verified).checks.some((check) => check.id === 'identity.tls'));
      assert.equal(verified.stderr, '');
    });
  });
});
