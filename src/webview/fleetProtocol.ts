import type { FleetReportJson } from '../core/fleet/fleetReport';

export type FleetExportFormat = 'markdown' | 'json' | 'openmetrics';

/** Messages from the extension to the fleet report webview. */
export type ToFleetWebview = { readonly type: 'fleet'; readonly report: FleetReportJson | undefined; readonly running: boolean; readonly note?: string };

/** Messages from the fleet report webview to the extension. */
export type FromFleetWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'export'; readonly format: FleetExportFormat }
  | { readonly type: 'copy'; readonly format: 'markdown' | 'json' };

export interface FleetWebviewState {
  readonly report: FleetReportJson | undefined;
}

const FORMATS: readonly string[] = ['markdown', 'json', 'openmetrics'];

export function isFromFleetWebview(value: unknown): value is FromFleetWebview {
  if (value === null || typeof value !== 'object') return false;
  const message = value as { type?: unknown; format?: unknown };
  switch (message.type) {
    case 'ready':
    case 'refresh':
      return true;
    case 'export':
      return typeof message.format === 'string' && FORMATS.includes(message.format);
    case 'copy':
      return message.format === 'markdown' || message.format === 'json';
    default:
      return false;
  }
}
