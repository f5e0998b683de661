import * as vscode from 'vscode';
import type { CheckStatus } from '../core/checks/checkResult';

/**
 * Theme colour tokens of the status icons (tree, fleet tree) and, as CSS variables, of the report pages' marks.
 * Chosen for light themes as much as dark ones: testing.iconPassed is #73c991 in light themes too (2:1 on white),
 * while charts.green is #388A34 there (4.3:1) and #89D185 in dark ones; the problem icons follow the editor's error,
 * warning and info colours (light #E51400, #BF8803, #1A85FF). Values: microsoft/vscode
 * src/vs/platform/theme/common/colors/chartsColors.ts and editorColors.ts.
 */
export const STATUS_COLOR_TOKENS: Record<CheckStatus, string> = {
  pass: 'charts.green',
  warn: 'problemsWarningIcon.foreground',
  fail: 'problemsErrorIcon.foreground',
  unknown: 'problemsInfoIcon.foreground',
  skipped: 'descriptionForeground',
};

/** The codicon of each status: its shape alone tells the statuses apart, without colour. */
const STATUS_CODICONS: Record<CheckStatus, string> = { pass: 'pass', warn: 'warning', fail: 'error', unknown: 'question', skipped: 'circle-slash' };

/** A status as a coloured codicon, as the Testing view draws test states. */
export function statusIcon(status: CheckStatus, codicon: string = STATUS_CODICONS[status]): vscode.ThemeIcon {
  return new vscode.ThemeIcon(codicon, new vscode.ThemeColor(STATUS_COLOR_TOKENS[status]));
}
