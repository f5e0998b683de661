import type { ReadinessReport } from '../core/report/readinessReport';
import { isReportMessage } from './reportMessages';

/**
 * Messages from the extension to the report webview. `objects`: per check id, the names of the objects it looked at
 * ("Pod calico-system/calico-typha-…"), which the page offers as links; the extension opens them by position.
 */
export type ToWebview = { readonly type: 'report'; readonly report: ReadinessReport | undefined; readonly objects?: Readonly<Record<string, readonly string[]>>; readonly note?: string };

/**
 * Messages from the report webview to the extension. The links name a row by position (a file finding, a log's
 * signature, a check's object), never by path: the extension opens only what its own report lists.
 */
export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'export'; readonly format: 'markdown' | 'json' | 'sarif' }
  | { readonly type: 'copy'; readonly format: 'markdown' | 'json' }
  | { readonly type: 'openFile'; readonly index: number }
  | { readonly type: 'openLog'; readonly index: number; readonly entry: number }
  /** `logs`: the pod's logs instead of its YAML. */
  | { readonly type: 'openObject'; readonly check: string; readonly index: number; readonly logs?: boolean };

/** What the webview keeps across reloads (vscode.setState). */
export interface WebviewState {
  readonly report: ReadinessReport | undefined;
  readonly objects?: Readonly<Record<string, readonly string[]>>;
}

function isIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** A link message: positions are whole numbers, a check id is a short string. */
function isLinkMessage(value: object): boolean {
  const message = value as { type?: unknown; index?: unknown; entry?: unknown; check?: unknown; logs?: unknown };
  switch (message.type) {
    case 'openFile':
      return isIndex(message.index);
    case 'openLog':
      return isIndex(message.index) && isIndex(message.entry);
    case 'openObject':
      return isIndex(message.index) && typeof message.check === 'string' && message.check.length <= 200 && (message.logs === undefined || typeof message.logs === 'boolean');
    default:
      return false;
  }
}

export function isFromWebview(value: unknown): value is FromWebview {
  return isReportMessage(value, ['markdown', 'json', 'sarif'], ['markdown', 'json']) || (value !== null && typeof value === 'object' && isLinkMessage(value));
}
