import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bundleFiles } from '../../src/bundle/bundleFiles';
import { scanBundleLog } from '../../src/bundle/scanBundleLog';
import { lintFile, MAX_LINT_BYTES } from '../../src/core/files/lintFile';
import { gatherWorkspaceFacts } from '../../src/core/files/workspaceContext';
import { scanText } from '../../src/core/logs/scanText';
import { BinarySniffer, isBinaryLine, looksBinary } from '../../src/core/text/binaryContent';

const TYPHA_401 = '2025-02-19 14:24:47.322 [ERROR][1] typha/lookup.go 66: Failed to get Typha endpoint from Kubernetes error=Unauthorized\n';
/** The start of an ELF executable: what a log path pointing at a binary gives. */
const ELF = '\u007fELF\u0002\u0001\u0001\u0000\u0000\u0000\u0003\u0000>\u0000\u0001\u0000\u0000\u0000';

/** Scans `text` as the bundle file podlogs/calico-typha. */
function scanAsBundleLog(text: string): ReturnType<typeof scanBundleLog> {
  const root = mkdtempSync(join(tmpdir(), 'binary-content-'));
  try {
    mkdirSync(join(root, 'podlogs'));
    writeFileSync(join(root, 'podlogs', 'calico-typha'), text);
    return scanBundleLog(bundleFiles(root), '/podlogs/calico-typha');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('one binary-content test', () => {
  it('calls control-heavy text binary, plain text and NUL-padded logs text', () => {
    assert.equal(looksBinary(ELF.repeat(100)), true);
    assert.equal(looksBinary(TYPHA_401.repeat(10)), false);
    assert.equal(looksBinary('\u0000'.repeat(4096) + TYPHA_401), false, 'a preallocated log');
    assert.equal(looksBinary(''), false);
  });

  it('makes one NUL enough for YAML, which forbids it, and not for logs', () => {
    const yaml = 'cni: calico\n\u0000';
    assert.equal(looksBinary(yaml, 'binary'), true);
    assert.equal(looksBinary(yaml), false);
    assert.equal(lintFile('/etc/rancher/rke2/config.yaml', yaml).findings[0]?.code, 'file-skipped');
    const facts = gatherWorkspaceFacts([{ path: '/w/etc/rancher/rke2/config.yaml', text: 'cluster-cidr: 10.99.0.0/16\n\u0000', forceRke2Config: false }]);
    assert.equal(facts.contextFor('/w/etc/rancher/rke2/config.yaml').clusterCidr, undefined, 'a file the linter calls binary states no facts');
  });

  it('decides a stream once 64 Ki characters that are not NUL were seen, however they arrive', () => {
    const sniffer = new BinarySniffer();
    assert.equal(sniffer.push('\u0000'.repeat(100_000)), 'undecided');
    assert.equal(sniffer.push(TYPHA_401.repeat(300)), 'undecided');
    assert.equal(sniffer.push(TYPHA_401.repeat(300)), 'text');
    const binary = new BinarySniffer();
    for (let index = 0; index < 4000 && binary.push(ELF) === 'undecided'; index++);
    assert.equal(binary.binary, true);
  });

  it('skips a single log line that is mostly control characters, whatever the rest of the log', () => {
    assert.equal(isBinaryLine(`Unauthorized${'\u0001\u0002\u0003'.repeat(10)}`), true);
    assert.equal(isBinaryLine(TYPHA_401), false);
    const scan = scanText(`${TYPHA_401}\u0001\u0002\u0003\u0004\u0005\u0006 typha/lookup.go Failed to get Typha endpoint from Kubernetes error=Unauthorized \u0007\u0008\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u0001\u0002\u0003\u0004\u0005\u0006\u0007\n`);
    assert.equal(scan.findings.length, 1);
    assert.equal(scan.stats.binaryLinesSkipped, 1);
  });

  it('is the test a support bundle applies too: a log that starts with NULs is scanned, an executable is not', () => {
    assert.equal(scanAsBundleLog('\u0000'.repeat(70_000) + TYPHA_401.repeat(3)).findings.length, 3);
    assert.deepEqual(scanAsBundleLog(ELF.repeat(5000) + TYPHA_401).findings, []);
    assert.equal(scanAsBundleLog(TYPHA_401).findings.length, 1, 'the same line alone is found');
  });
});

describe('MAX_LINT_BYTES', () => {
  it('compares the UTF-8 size in bytes, not the UTF-16 length', () => {
    // 3 bytes per character: a third of the limit in characters is just over it in bytes.
    const characters = Math.floor(MAX_LINT_BYTES / 3) + 1;
    const text = `cni: calico\n# ${'€'.repeat(characters)}\n`;
    assert.ok(text.length < MAX_LINT_BYTES && Buffer.byteLength(text) > MAX_LINT_BYTES);
    const [skipped] = lintFile('/etc/rancher/rke2/config.yaml', text).findings;
    assert.equal(skipped?.code, 'file-skipped');
    assert.match(skipped.message, /larger than 32 MiB/);
  });
});
