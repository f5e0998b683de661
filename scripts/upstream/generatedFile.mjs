// Writing a generated table of this folder's scripts, or (--check) proving the committed one is what the sources give.
import { readFileSync, writeFileSync } from 'node:fs';

/** Writes `text` to `target`; with `--check` among the flags, exits 1 instead when the committed file differs. */
export function writeOrCheck(target, text, flags, summary) {
  if (flags.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      console.error(`${target} differs from what the sources give; re-run without --check`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(target, text);
  console.error(`${summary} written to ${target}`);
}
