import type { ReadinessReport } from '../core/report/readinessReport';

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
  if (value === null || typeof value !== 'object') return false;
  const message = value as { type?: unknown; format?: unknown };
  switch (message.type) {
    case 'ready':
    case 'refresh':
      return true;
    case 'export':
      return message.format === 'markdown' || message.format === 'json' || message.format === 'sarif';
    case 'copy':
      return message.format === 'markdown' || message.format === 'json';
    default:
      return false;
  }
}
