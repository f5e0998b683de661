import { redactingLogger, type Logger, type LogLevel } from '../core/log/logger';
import { stripControlCharacters } from '../core/text/terminalText';

/** `2026-06-30 10:00:00.123`, the time format of VS Code's log files, in local time. */
function timestamp(date: Date): string {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/**
 * `--verbose`: the log on stderr, in the layout of the editor's "RKE2 Calico" output (time, [level], message), so
 * a line looks the same wherever it was written. Every level is written. Messages are redacted, and made safe for a
 * terminal: control characters are replaced and the lines after the first are indented, so a server's text can
 * neither act on the terminal nor pass for a log line of its own.
 */
export function stderrLogger(write: (text: string) => void, now: () => Date = () => new Date()): Logger {
  const line = (level: LogLevel) => (message: string): void => {
    const [first = '', ...rest] = stripControlCharacters(message.replace(/\r\n?/g, '\n')).split('\n');
    write(`${timestamp(now())} [${level}] ${[first, ...rest.map((part) => `    ${part}`)].join('\n')}\n`);
  };
  return redactingLogger({ trace: line('trace'), debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') });
}
