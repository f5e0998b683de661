import type { ReadinessReport } from '../core/report/readinessReport';
import { isReportMessage } from './reportMessages';

/** Messages from the extension to the report webview. */
export type ToWebview = { readonly type: 'report'; readonly report: ReadinessReport | undefined; readonly note?: string };

/** Messages from the report webview to the extension. */
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'export'; readonly format: 'markdown' | 'json' | 'sarif' }
  | { readonly type: 'copy'; readonly format: 'markdown' | 'json' };

/** What the webview keeps across reloads (vscode.setState). */
export interface WebviewState {
  readonly report: ReadinessReport | undefined;
}

export function isFromWebview(value: unknown): value is FromWebview {
  return isReportMessage(value, ['markdown', 'json', 'sarif'], ['markdown', 'json']);
}
