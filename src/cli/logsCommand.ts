import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { IncrementalScanner } from '../core/logs/chunkedScan';
import { looksLikeBinary, summarizeFindings } from '../core/logs/scanLog';
import { logFindingsToJson, logFindingsToText } from '../core/report/logFindingsReport';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';
import { startCommand, usageError, type CommandSpec } from './commandArgs';

export const LOGS_USAGE = `Usage: rke2-calico-diag logs <file|-> [--format text|json]

Finds known Calico/RKE2 failure lines (Calico, klog, logrus, tigera-operator JSON; /var/log/pods and journald
prefixes; mixed) in a log file or standard input, explains each and links its known issue.

Exit codes: 0 no error-severity finding, 1 otherwise, 2 bad input or usage.`;

const SPEC: CommandSpec<'text' | 'json'> = { name: 'logs', usage: LOGS_USAGE, values: [], formats: ['text', 'json'] };

export interface LogsDependencies {
  readonly stdin?: Readable;
}

/** Streams the input in chunks, so a multi-gigabyte log needs no more memory than a chunk. */
async function scanStream(stream: Readable): Promise<{ scanner: IncrementalScanner; binary: boolean }> {
  const scanner = new IncrementalScanner();
  let first = true;
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    // Logs are nearly always ASCII: then a one-byte string is made directly, much faster than UTF-8 decoding.
    const text = isAscii(bytes) ? bytes.toString('latin1') : decoder.decode(bytes, { stream: true });
    if (first) {
      first = false;
      if (looksLikeBinary(text)) {
        stream.destroy();
        return { scanner, binary: true };
      }
    }
    scanner.push(text);
  }
  scanner.push(decoder.decode());
  scanner.end();
  return { scanner, binary: false };
}

export async function runLogsCommand(argv: readonly string[], io: CliIo, _version: string, dependencies: LogsDependencies = {}): Promise<number> {
  const started = startCommand(argv, io, SPEC);
  if (!started.ok) return started.code;
  const { args } = started;
  const format = { value: started.format };
  if (args.positionals.length !== 1) return usageError(io, SPEC, 'give one file, or - for standard input');
  const source = args.positionals[0] ?? '-';
  const stream = source === '-' ? (dependencies.stdin ?? process.stdin) : createReadStream(source, { highWaterMark: 16 << 20 });
  let result;
  try {
    result = await scanStream(stream);
  } catch (error) {
    io.stderr(`rke2-calico-diag logs: cannot read ${source}: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_USAGE;
  }
  if (result.binary) {
    io.stderr(`rke2-calico-diag logs: ${source} looks like binary data, not a text log; nothing was scanned.\n`);
    return EXIT_USAGE;
  }
  const findings = result.scanner.findings;
  const summary = summarizeFindings(findings);
  const name = source === '-' ? '<stdin>' : source;
  io.stdout(format.value === 'json' ? JSON.stringify(logFindingsToJson(findings, summary), null, 2) + '\n' : logFindingsToText(name, findings, summary) + '\n');
  return findings.some((finding) => finding.signature.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
}

