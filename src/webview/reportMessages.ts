/** A message a report webview may send: ready, refresh, or export/copy in one of the formats it offers. */
export function isReportMessage(value: unknown, exportFormats: readonly string[], copyFormats: readonly string[]): boolean {
  if (value === null || typeof value !== 'object') return false;
  const message = value as { type?: unknown; format?: unknown };
  switch (message.type) {
    case 'ready':
    case 'refresh':
      return true;
    case 'export':
      return typeof message.format === 'string' && exportFormats.includes(message.format);
    case 'copy':
      return typeof message.format === 'string' && copyFormats.includes(message.format);
    default:
      return false;
  }
}
