import { rke2ConfigJsonSchema } from '../core/files/rke2ConfigSchema';
import { EXIT_OK, type CliIo } from './cliIo';
import { commandHelp, usageError } from './commandArgs';

export const SCHEMA_USAGE = `Usage: rke2-calico-diag schema

Prints the JSON Schema of RKE2's config.yaml (the key table the linter uses), for editors and CI validators.`;

export function runSchemaCommand(argv: readonly string[], io: CliIo): number {
  if (argv.includes('--help')) {
    io.stdout(commandHelp('schema', SCHEMA_USAGE) + '\n');
    return EXIT_OK;
  }
  if (argv.length > 0) {
    return usageError(io, { name: 'schema', usage: SCHEMA_USAGE }, argv[0]?.startsWith('--') ? `unknown option ${argv[0]}` : 'takes no arguments');
  }
  io.stdout(JSON.stringify(rke2ConfigJsonSchema(), null, 2) + '\n');
  return EXIT_OK;
}
