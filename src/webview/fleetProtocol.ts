import type { FleetReportJson } from '../core/fleet/fleetReport';
import { isReportMessage } from './reportMessages';

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

export function isFromFleetWebview(value: unknown): value is FromFleetWebview {
  return isReportMessage(value, ['markdown', 'json', 'openmetrics'], ['markdown', 'json']);
}
