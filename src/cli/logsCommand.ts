import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { elapsedMs } from '../core/log/logger';
import { logScanTiming } from '../core/log/timings';
import type { ExternalFacts } from '../core/logs/logContext';
import { LogScanner, type LogFinding } from '../core/logs/logScanner';
import { knownIssuesOf } from '../core/logs/scanText';
import { logReportWriter, type LogOutputFormat } from '../core/report/logFindingsReport';
import { BinarySniffer } from '../core/text/binaryContent';
import { terminalLine } from '../core/text/terminalText';
import { Utf8Pieces } from '../core/text/utf8Pieces';
import { formatCalicoVersion, parseCalicoVersion } from '../core/versions/calicoVersion';
import { formatRke2Version, parseRke2Version } from '../core/versions/rke2Version';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CommandIo } from './cliIo';
import { startCommand, usageError, type CommandSpec } from './commandArgs';

/**
 * A log is a regular file or a pipe (`logs <(kubectl logs …)`, a FIFO): both end. A device (/dev/zero) or a folder
 * is refused by its kind, before reading: /dev/zero is NUL bytes without end, never a log.
 */
function notALogSource(path: string): string | undefined {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined; // The read says why (no such file, permission denied).
  }
  if (stats.isFile() || stats.isFIFO() || stats.isSocket()) return undefined;
  return stats.isDirectory() ? 'a folder, not a log file' : 'a device, not a log file';
}

export const LOGS_USAGE = `Usage: rke2-calico-diag logs <file|-> [--format text|json|jsonl] [--rke2-version V] [--calico-version V]

Finds known Calico/RKE2 failure lines (Calico, klog, logrus, tigera-operator JSON; /var/log/pods and journald
prefixes; mixed) in a log file or standard input, explains each and names the known issue it is evidence of.

Findings are written as the log is read, so any size of log needs the same small memory. --format json writes one
JSON document ({source, findings, summary, knownIssues, stats}), jsonl one JSON object per line ("type": finding,
summary, knownIssue, stats).

Start-up lines that every healthy boot prints (an agent waiting for its server, no CNI config yet) are reported only
when the log's timestamps show them persisting for more than 5 minutes. A line names a known issue only when the
context supports it: an affected RKE2/Calico version (stated in the log, or given with --rke2-version /
--calico-version), or the issue's pair of symptoms in the same log. A JSON finding carries the issue from the line
where that support appeared; the knownIssues list at the end is the verdict for the whole log.

Exit codes: 0 no error-severity finding, 1 otherwise, 2 bad input or usage.`;

const SPEC: CommandSpec<LogOutputFormat> = { name: 'logs', usage: LOGS_USAGE, values: ['rke2-version', 'calico-version'], formats: ['text', 'json', 'jsonl'] };

/** Read size: large enough for speed, small enough that memory stays far below 200 MB. */
const CHUNK_BYTES = 1 << 20;
/** How much is scanned before waiting for stdout to drain. */
const SCAN_SLICE = 256 << 10;

export interface LogsDependencies {
  readonly stdin?: Readable;
}

function externalFacts(options: ReadonlyMap<string, string | true>): { ok: true; facts: ExternalFacts } | { ok: false; error: string } {
  const rke2 = options.get('rke2-version');
  const calico = options.get('calico-version');
  const facts: { rke2?: string; calico?: string; source?: string } = {};
  if (typeof rke2 === 'string') {
    const parsed = parseRke2Version(rke2);
    if (!parsed.ok) return { ok: false, error: parsed.reason };
    facts.rke2 = formatRke2Version(parsed.value);
  }
  if (typeof calico === 'string') {
    const parsed = parseCalicoVersion(calico);
    if (!parsed.ok) return { ok: false, error: parsed.reason };
    facts.calico = formatCalicoVersion(parsed.value);
  }
  if (facts.rke2 !== undefined || facts.calico !== undefined) facts.source = 'the versions given on the command line';
  return { ok: true, facts };
}

/**
 * Streams the input: each chunk is decoded (its ASCII stretches as Latin-1, which is much faster, the rest as UTF-8
 * with invalid bytes replaced, so one bad byte spoils nothing), checked for binary content while the sniffer is still
 * deciding, and scanned.
 */
async function scanStream(stream: Readable, scanner: LogScanner, sniffer: BinarySniffer, drained: () => Promise<void>): Promise<'text' | 'binary'> {
  const decoder = new Utf8Pieces();
  for await (const chunk of stream) {
    for (const text of decoder.decode(chunk as Buffer)) {
      if (sniffer.push(text) === 'binary') {
        stream.destroy();
        return 'binary';
      }
      // Scanned in slices, waiting for stdout between them: a piece made only of failure lines writes several times
      // its size in findings, and a slow reader must not let that pile up in memory.
      for (let start = 0; start < text.length; start += SCAN_SLICE) {
        scanner.push(start === 0 && text.length <= SCAN_SLICE ? text : text.slice(start, start + SCAN_SLICE));
        await drained();
      }
    }
  }
  scanner.push(decoder.end());
  scanner.end();
  return sniffer.binary ? 'binary' : 'text';
}

export async function runLogsCommand(argv: readonly string[], io: CommandIo, _version: string, dependencies: LogsDependencies = {}): Promise<number> {
  const started = startCommand(argv, io, SPEC);
  if (!started.ok) return started.code;
  const { args, format } = started;
  if (args.positionals.length !== 1) return usageError(io, SPEC, 'give one file, or - for standard input');
  const facts = externalFacts(args.options);
  if (!facts.ok) return usageError(io, SPEC, facts.error);
  const source = args.positionals[0] ?? '-';
  const name = source === '-' ? '<stdin>' : source;
  const refused = source === '-' ? undefined : notALogSource(source);
  if (refused !== undefined) {
    io.stderr(`rke2-calico-diag logs: ${terminalLine(name)}: ${refused}\n`);
    return EXIT_USAGE;
  }
  const stream = source === '-' ? (dependencies.stdin ?? process.stdin) : createReadStream(source, { highWaterMark: CHUNK_BYTES });
  const sniffer = new BinarySniffer();
  const writer = logReportWriter(format, name, io.stdout, io.stdoutBytes);
  // Until the sniffer has seen enough text to decide, findings wait (at most the findings of 64 KiB of text), so
  // binary input prints nothing but its error.
  const held = { findings: [] as LogFinding[], released: false };
  const release = (): void => {
    if (held.released) return;
    held.released = true;
    for (const waiting of held.findings) writer.finding(waiting);
    held.findings = [];
  };
  let errors = 0;
  let found = 0;
  const scanStarted = performance.now();
  const scanner = new LogScanner({
    facts: facts.facts,
    onFinding: (finding) => {
      found++;
      if (finding.signature.severity === 'error') errors++;
      if (!held.released && !sniffer.decided) {
        held.findings.push(finding);
        return;
      }
      release();
      writer.finding(finding);
    },
  });
  let outcome: 'text' | 'binary';
  try {
    outcome = await scanStream(stream, scanner, sniffer, io.drained ?? (() => Promise.resolve()));
  } catch (error) {
    io.stderr(`rke2-calico-diag logs: cannot read ${terminalLine(name)}: ${terminalLine(error instanceof Error ? error.message : String(error))}\n`);
    return EXIT_USAGE;
  }
  if (outcome === 'binary') {
    io.stderr(`rke2-calico-diag logs: ${terminalLine(name)} looks like binary data, not a text log; nothing was scanned.\n`);
    return EXIT_USAGE;
  }
  release();
  io.log.info(logScanTiming(name, found, scanner.scanStats.lines, elapsedMs(scanStarted)));
  writer.end({ summary: scanner.summary.entries(), knownIssues: knownIssuesOf(scanner), stats: scanner.scanStats });
  return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}
