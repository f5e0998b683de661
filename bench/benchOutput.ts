import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** Writes a benchmark's Markdown to bench/results/<name> and prints it. */
export function writeBenchResult(name: string, lines: readonly string[]): void {
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results', name), lines.join('\n'));
  process.stdout.write(lines.join('\n'));
}

/** Runs a benchmark's main, ending the process with its error when it fails. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
