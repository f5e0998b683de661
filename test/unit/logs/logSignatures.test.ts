import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { BENIGN_LINES } from '../../../src/core/logs/benignLines';
import { LOG_SIGNATURES } from '../../../src/core/logs/logSignatures';
import { catalogMatcher } from '../../../src/core/logs/signatureMatcher';
import { scanText } from '../../../src/core/logs/scanText';
import { readLogCorpus } from '../../corpus/logCorpus';
import { FAILURE_LINES, HEALTHY_LINES, TRANSIENT_LINES } from '../../fixtures/logLines';

/** The ways the same line reaches a reader: as written, in /var/log/pods (CRI), in journald, via kubectl --prefix. */
const WRAPPERS: readonly [string, (line: string) => string][] = [
  ['plain', (line) => line],
  ['CRI /var/log/pods', (line) => `2025-02-19T14:25:19.914512345Z stderr F ${line}`],
  ['journald', (line) => `Feb 19 14:25:19 server-1 rke2[2126]: ${line}`],
  ['kubectl logs --prefix', (line) => `[pod/calico-typha-6b9c7d8f4-x7k2p/calico-typha] ${line}`],
];

const ids = (text: string): string[] => scanText(text).findings.map((finding) => finding.signature.id);

describe('log signatures', () => {
  for (const [wrapper, wrap] of WRAPPERS) {
    it(`recognise every real failure line of the reference (${wrapper})`, () => {
      for (const { line, signature, source } of FAILURE_LINES) {
        const found = scanText(`${wrap(HEALTHY_LINES[0] ?? '')}\n${wrap(line)}\n${wrap(HEALTHY_LINES[1] ?? '')}\n`).findings;
        assert.deepEqual(found.map((finding) => [finding.line, finding.signature.id]), [[2, signature]], `${source}: ${line.slice(0, 80)}`);
      }
    });
  }

  it('are each exercised by a real line (the fixtures or the corpus), start-up transients included', () => {
    const matcher = catalogMatcher();
    const seen = new Set<string>();
    const identify = (line: string): void => {
      const hits = matcher.triggersIn(line);
      const id = hits.length > 0 ? matcher.match(line, hits).signature?.id : undefined;
      if (id) seen.add(id);
    };
    for (const { line } of [...FAILURE_LINES, ...TRANSIENT_LINES]) identify(line);
    for (const excerpt of readLogCorpus()) for (const line of readFileSync(excerpt.path, 'utf8').split('\n')) identify(line);
    assert.deepEqual(LOG_SIGNATURES.filter((signature) => !seen.has(signature.id)).map((signature) => signature.id), []);
  });

  it('have unique ids, a meaning, a remediation and a source each', () => {
    assert.equal(new Set(LOG_SIGNATURES.map((signature) => signature.id)).size, LOG_SIGNATURES.length);
    for (const signature of LOG_SIGNATURES) {
      assert.ok(signature.meaning.length > 40 && signature.remediation.length > 20 && signature.source.length > 5, signature.id);
      assert.ok(signature.matches.length > 0, signature.id);
    }
  });

  it('tell 401 Unauthorized from 403 Forbidden, also when libcalico wraps a 403 as "connection is unauthorized"', () => {
    assert.deepEqual(ids('2025-02-19 14:25:19.914 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized'), ['typha-unauthorized']);
    assert.deepEqual(ids('2022-06-02 16:57:03.227 [ERROR][7] lookup.go 61: Failed to get Typha endpoint from Kubernetes error=endpoints "calico-typha" is forbidden: User "x" cannot get resource "endpoints"'), ['typha-forbidden']);
    assert.deepEqual(ids('2021-08-17 16:45:40.250 [INFO][57] felix/watchercache.go 186: Failed to perform list error=connection is unauthorized: endpointslices.discovery.k8s.io is forbidden: User "system:serviceaccount:calico-system:calico-node" cannot list resource "endpointslices"'), ['calico-forbidden']);
    assert.deepEqual(ids('2021-08-17 16:45:40.250 [ERROR][57] felix/sync.go 12: Failed to list error=connection is unauthorized: Unauthorized'), ['calico-unauthorized']);
    assert.match(LOG_SIGNATURES.find((entry) => entry.id === 'typha-unauthorized')?.meaning ?? '', /not missing RBAC/);
  });

  it('read a registry timeout on port 443 as an image pull, not as an unreachable API server', () => {
    assert.deepEqual(ids('Warning  Failed  4m39s  kubelet  Failed to pull image "rancher/mirrored-calico-node:v3.30.3": failed to do request: Head "https://registry-1.docker.io/v2/rancher/x": dial tcp 1.2.3.4:443: i/o timeout'), ['image-pull-failed']);
    assert.deepEqual(ids('2020-07-06 09:28:18.489 [ERROR][1] main.go 203: Failed to verify datastore error=Get https://10.43.0.1:443/apis/crd.projectcalico.org/v1/clusterinformations/default: context deadline exceeded'), ['apiserver-unreachable']);
  });

  it('stay silent on healthy lines and on known benign wordings', () => {
    assert.deepEqual(scanText(HEALTHY_LINES.join('\n')).findings, []);
    assert.deepEqual(ids('INFO[0022] Cluster-Http-Server 2024/07/01 16:44:37 http: TLS handshake error from 127.0.0.1:60622: remote error: tls: bad certificate'), []);
    for (const benign of BENIGN_LINES) assert.ok(benign.reason.length > 20 && benign.source.length > 5);
  });

  it('keep every trigger a literal of the lines its wording matches', () => {
    for (const { line, signature } of FAILURE_LINES) {
      const entry = LOG_SIGNATURES.find((candidate) => candidate.id === signature);
      const fitting = entry?.matches.filter((match) => new RegExp(match.pattern).test(line)) ?? [];
      assert.ok(fitting.length > 0 && fitting.every((match) => line.includes(match.trigger)), `${signature}: ${line.slice(0, 60)}`);
    }
  });

  it('never spend 20 ms in any wording regex on the window the scanner gives it, nor 500 ms on a whole 1 MB line', () => {
    // The scanner runs a wording on at most 2 KiB each side of its trigger (signatureMatcher WINDOW).
    for (const signature of LOG_SIGNATURES) {
      for (const match of signature.matches) {
        const pattern = new RegExp(match.pattern);
        for (const unit of [`${match.trigger} `, `${match.trigger}${'x'.repeat(300)}`, 'a'.repeat(64), `${match.trigger}:443/api `]) {
          const window = unit.repeat(Math.ceil(4096 / unit.length)).slice(0, 4096);
          const started = performance.now();
          for (let run = 0; run < 10; run++) pattern.test(window);
          const elapsed = (performance.now() - started) / 10;
          assert.ok(elapsed < 20, `${signature.id} /${match.pattern}/ took ${elapsed.toFixed(1)} ms on 4 KiB`);
        }
        const line = `${match.trigger} `.repeat(Math.ceil((1 << 20) / (match.trigger.length + 1))).slice(0, 1 << 20);
        const started = performance.now();
        scanText(line);
        const elapsed = performance.now() - started;
        assert.ok(elapsed < 500, `${signature.id}: a 1 MB line of "${match.trigger}" took ${elapsed.toFixed(0)} ms to scan`);
      }
    }
  });

  it('compile into one trigger search that finds every trigger, wherever it stands in a line', () => {
    const matcher = catalogMatcher();
    for (const signature of LOG_SIGNATURES) {
      for (const match of signature.matches) {
        for (const text of [match.trigger, `x${match.trigger}`, `some words before ${match.trigger} and after`]) {
          assert.ok(matcher.triggersIn(text).some((hit) => hit.trigger === match.trigger && text.startsWith(hit.trigger, hit.at)), `${signature.id}: ${match.trigger} in "${text}"`);
        }
      }
    }
  });
});
