import { rke2ConfigJsonSchema } from '../core/files/rke2ConfigSchema';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';

export const SCHEMA_USAGE = `Usage: rke2-calico-diag schema

Prints the JSON Schema of RKE2's config.yaml (the key table the linter uses), for editors and CI validators.`;

export function runSchemaCommand(argv: readonly string[], io: CliIo): number {
  if (argv.includes('--help')) {
    io.stdout(SCHEMA_USAGE + '\n');
    return EXIT_OK;
  }
  if (argv.length > 0) {
    io.stderr(`rke2-calico-diag schema: takes no arguments\n\n${SCHEMA_USAGE}\n`);
    return EXIT_USAGE;
  }
  io.stdout(JSON.stringify(rke2ConfigJsonSchema(), null, 2) + '\n');
  return EXIT_OK;
}
