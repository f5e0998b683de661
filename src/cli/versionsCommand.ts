import { versionReportToJson } from '../core/report/versionReportJson';
import { versionReportToText } from '../core/report/versionReportText';
import { lookUpVersion, VERSION_KINDS, type VersionKind } from '../core/versionLookup';
import { choiceOption } from './argv';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CommandIo } from './cliIo';
import { startCommand, usageError, type CommandSpec } from './commandArgs';
import { terminalJson } from '../core/text/terminalText';
import { colourVersionsText } from './versionsText';

export const VERSIONS_USAGE = `Usage: rke2-calico-diag versions <version> [--kind rke2|calico|chart|operator] [--format text|json]

Tells whether an RKE2 release, Calico release, rke2-calico chart or tigera-operator release carries a known
Calico issue (such as rancher/rke2#7808) and which release to move to.

Exit codes: 0 no known issue applies (or the version is not in the matrix), 1 a known issue applies, 2 bad input.`;

const SPEC: CommandSpec<'text' | 'json'> = { name: 'versions', usage: VERSIONS_USAGE, values: ['kind'], formats: ['text', 'json'] };

export function runVersionsCommand(argv: readonly string[], io: CommandIo): number {
  const started = startCommand(argv, io, SPEC);
  if (!started.ok) return started.code;
  const { args } = started;
  const format = { value: started.format };
  const kindOption = args.options.get('kind');
  let kind: VersionKind | undefined;
  if (kindOption !== undefined) {
    const chosen = choiceOption(args, 'kind', VERSION_KINDS, 'rke2');
    if (!chosen.ok) return usageError(io, SPEC, chosen.error);
    kind = chosen.value;
  }
  if (args.positionals.length !== 1) {
    return usageError(io, SPEC, args.positionals.length === 0 ? 'give one version' : 'give exactly one version');
  }
  const outcome = lookUpVersion(args.positionals[0] ?? '', kind);
  if (!outcome.ok) {
    io.stderr(`rke2-calico-diag versions: ${outcome.error}\n`);
    return EXIT_USAGE;
  }
  const report = outcome.report;
  io.stdout(format.value === 'json' ? terminalJson(versionReportToJson(report)) + '\n' : colourVersionsText(versionReportToText(report), io.palette) + '\n');
  return report.knownIssues.length > 0 ? EXIT_FINDINGS : EXIT_OK;
}

