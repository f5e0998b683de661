import { errorMessage } from '../core/log/logger';
import { EXIT_INTERNAL, processIo } from './cliIo';
import { runCli } from './runCli';

declare const PRODUCT_VERSION: string;

/**
 * Once the command has returned, what it started (an exec plugin or auth-provider helper still running after an
 * interrupt, a socket) may not keep the process alive: past this, it exits, and the exit hook stops the helpers.
 */
const LINGER_MS = 1000;

function exitSoon(): void {
  setTimeout(() => process.exit(), LINGER_MS).unref();
}

/** Process entry point of `rke2-calico-diag`: real stdout/stderr, signals and exit code, nothing else. */
runCli(process.argv.slice(2), processIo(), PRODUCT_VERSION)
  .then((code) => {
    process.exitCode = code;
    exitSoon();
  })
  .catch((error: unknown) => {
    // runCli catches what commands throw; this is the last resort if even that fails.
    process.stderr.write(`rke2-calico-diag: internal error: ${errorMessage(error)}\n`);
    process.exitCode = EXIT_INTERNAL;
    exitSoon();
  });
