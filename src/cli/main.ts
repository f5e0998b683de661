import { runCli } from './runCli';

declare const PRODUCT_VERSION: string;

/** Process entry point of `rke2-calico-diag`: real stdout/stderr and exit code, nothing else. */
const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  // Writes to a pipe are queued in memory: a streaming command waits here so the queue stays small.
  drained: (): Promise<void> => (process.stdout.writableNeedDrain ? new Promise((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
};
runCli(process.argv.slice(2), io, PRODUCT_VERSION)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    process.stderr.write(`rke2-calico-diag: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
