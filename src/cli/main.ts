import { runCli } from './runCli';

declare const PRODUCT_VERSION: string;

/** Process entry point of `rke2-calico-diag`: real stdout/stderr and exit code, nothing else. */
runCli(process.argv.slice(2), { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }, PRODUCT_VERSION)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`rke2-calico-diag: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
