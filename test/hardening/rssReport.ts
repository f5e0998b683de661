/**
 * Preloaded (`node --require`) into the CLI child of the hardening suite: at exit, writes the process's peak resident
 * set size in KiB (process.resourceUsage().maxRSS) to the file named by RSS_REPORT_FILE. Without it, does nothing.
 */
import { writeFileSync } from 'node:fs';

const reportFile = process.env.RSS_REPORT_FILE;
if (reportFile !== undefined && reportFile !== '') {
  process.on('exit', () => {
    writeFileSync(reportFile, String(process.resourceUsage().maxRSS));
  });
}
