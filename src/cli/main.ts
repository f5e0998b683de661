import { errorMessage } from '../core/log/logger';
import { EXIT_INTERNAL, processIo } from './cliIo';
import { runCli } from './runCli';

declare const PRODUCT_VERSION: string;

/** Process entry point of `rke2-calico-diag`: real stdout/stderr, signals and exit code, nothing else. */
runCli(process.argv.slice(2), processIo(), PRODUCT_VERSION)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    // runCli catches what commands throw; this is the last resort if even that fails.
    process.stderr.write(`rke2-calico-diag: internal error: ${errorMessage(error)}\n`);
    process.exitCode = EXIT_INTERNAL;
  });
