import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { MAX_LINT_BYTES } from '../core/files/lintFile';
import { lintWorkspace, type WorkspaceFile } from '../core/files/workspaceContext';
import type { FileFindings } from '../core/findings/locatedFinding';
import { elapsedMs } from '../core/log/logger';
import { lintTiming } from '../core/log/timings';
import { withPolicyFindings } from '../core/policy/policyFileFindings';
import { findingsToJson } from '../core/report/findingsJson';
import { findingsToSarif } from '../core/report/findingsSarif';
import { findingsToText } from '../core/report/findingsText';
import { terminalJson, terminalLine } from '../core/text/terminalText';
import { EXIT_FINDINGS, EXIT_OK, type CommandIo } from './cliIo';
import { startCommand, usageError, type CommandSpec } from './commandArgs';
import { lintToText } from './lintText';
import { collectYamlFiles } from './walkFiles';

export const LINT_USAGE = `Usage: rke2-calico-diag lint <files or folders...> [--format text|compact|json|sarif] [--max-warnings N]
                             [--rke2-version V] [--config FILE]...

Checks RKE2 config.yaml / config.yaml.d, HelmChartConfig and HelmChart (rke2-calico), Rancher Cluster and
system-upgrade Plan files for affected Calico versions and configuration mistakes. Folders are walked recursively
(YAML files and YAML templates: .j2, .tpl, .tftpl, .tmpl, .gotmpl). RKE2 configs are recognised by path
(rancher/rke2/config.yaml, config.yaml.d) and by content (a mapping of mostly RKE2 flags). Template syntax (Jinja,
Go/Helm, Terraform, envsubst, %VAR%) is never judged; the literal rest is. Facts of one file (cluster-cidr, the RKE2
version of a Rancher Cluster or Plan) apply to the files of the nearest folder that holds it, within each path given.
--rke2-version states the cluster's RKE2 version; --config (repeatable) marks a file as RKE2 config whatever its name.

--format text groups the findings under their file; compact prints one file:line:column line per finding (for
editors' problem matchers and grep).

Exit codes: 0 no errors (and warnings within --max-warnings), 1 otherwise, 2 bad usage.`;

const SPEC: CommandSpec<'text' | 'compact' | 'json' | 'sarif'> = { name: 'lint', usage: LINT_USAGE, values: ['max-warnings', 'rke2-version', 'config'], formats: ['text', 'compact', 'json', 'sarif'] };

/**
 * Reads a regular file of at most MAX_LINT_BYTES; its kind and size are checked on the open handle before reading,
 * and the open does not wait for a FIFO's writer (O_NONBLOCK).
 */
function readText(path: string): { text: string } | { skipped: string } | { error: string } {
  let handle: number | undefined;
  try {
    handle = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = fstatSync(handle);
    if (!stats.isFile()) return { skipped: 'not a regular file' };
    if (stats.size > MAX_LINT_BYTES) return { skipped: `larger than ${MAX_LINT_BYTES / 1024 / 1024} MiB (${stats.size} bytes); RKE2 and Calico files are small` };
    const buffer = Buffer.alloc(stats.size);
    let read = 0;
    while (read < buffer.length) {
      const count = readSync(handle, buffer, read, buffer.length - read, read);
      if (count === 0) break;
      read += count;
    }
    return { text: buffer.subarray(0, read).toString('utf8') };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    if (handle !== undefined) closeSync(handle);
  }
}

/** Files are linted under absolute paths (so facts scope alike however a path is spelled) and shown as the user spelled them. */
function asSpelled(result: FileFindings, labels: ReadonlyMap<string, string>): FileFindings {
  const spelled = (path: string): string => labels.get(path) ?? path;
  return {
    ...result,
    file: spelled(result.file),
    findings: result.findings.map((finding) => (finding.related ? { ...finding, related: finding.related.map((location) => (location.file === undefined ? location : { ...location, file: spelled(location.file) })) } : finding)),
  };
}

export function runLintCommand(argv: readonly string[], io: CommandIo, productVersion: string): number {
  const started = startCommand(argv, io, SPEC);
  if (!started.ok) return started.code;
  const { args } = started;
  const format = { value: started.format };
  const maxWarningsText = args.options.get('max-warnings');
  const maxWarnings = maxWarningsText === undefined ? Number.POSITIVE_INFINITY : Number(maxWarningsText);
  if (!Number.isInteger(maxWarnings) && maxWarnings !== Number.POSITIVE_INFINITY) return usageError(io, SPEC, '--max-warnings takes a whole number');
  if (args.positionals.length === 0) return usageError(io, SPEC, 'give at least one file or folder');
  const forced = args.repeated.get('config') ?? [];
  const { files: found, missing, unreadable } = collectYamlFiles([...args.positionals, ...forced]);
  if (missing.length > 0) return usageError(io, SPEC, `no such file or folder: ${missing.map(terminalLine).join(', ')}`);
  const workspace: WorkspaceFile[] = [];
  const results: FileFindings[] = unreadable.map((folder) => ({ file: folder.path, text: '', findings: [{ code: 'file-skipped', severity: 'warning', message: `Not linted: the folder cannot be read (${folder.reason}).`, span: { start: 0, end: 0 } }] }));
  const forcedPaths = new Set(forced.map((path) => resolve(path)));
  const labels = new Map(found.map((file) => [file.path, file.label]));
  for (const { path, root, label } of found) {
    const read = readText(path);
    if ('error' in read) {
      results.push({ file: label, text: '', findings: [{ code: 'file-skipped', severity: 'warning', message: `Not linted: the file cannot be read (${read.error}).`, span: { start: 0, end: 0 } }] });
      continue;
    }
    if ('skipped' in read) {
      results.push({ file: label, text: '', findings: [{ code: 'file-skipped', severity: 'info', message: `Not linted: ${read.skipped}.`, span: { start: 0, end: 0 } }] });
      continue;
    }
    workspace.push({ path, root, label, text: read.text, forceRke2Config: forcedPaths.has(path) });
  }
  const version = args.options.get('rke2-version');
  const lintStarted = performance.now();
  results.push(...withPolicyFindings(lintWorkspace(workspace, typeof version === 'string' ? { rke2Version: { value: version, source: '--rke2-version' } } : {}), workspace).map((result) => asSpelled(result, labels)));
  io.log.info(lintTiming(`${workspace.length} file(s)`, results.reduce((sum, result) => sum + result.findings.length, 0), elapsedMs(lintStarted)));
  results.sort((a, b) => a.file.localeCompare(b.file));
  if (format.value === 'json') io.stdout(terminalJson(findingsToJson(results)) + '\n');
  else if (format.value === 'sarif') io.stdout(terminalJson(findingsToSarif(results, productVersion)) + '\n');
  else if (format.value === 'compact') io.stdout(findingsToText(results) + '\n');
  else io.stdout(lintToText(results, { palette: io.palette, ...(io.columns === undefined ? {} : { columns: io.columns }) }) + '\n');
  const all = results.flatMap((result) => result.findings);
  const errors = all.filter((finding) => finding.severity === 'error').length;
  const warnings = all.filter((finding) => finding.severity === 'warning').length;
  return errors > 0 || warnings > maxWarnings ? EXIT_FINDINGS : EXIT_OK;
}

