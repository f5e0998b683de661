import '../../fakes/installVscode';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { STATUS_COLOR_TOKENS, statusIcon } from '../../../src/extension/statusColors';
import type { CheckStatus } from '../../../src/core/checks/checkResult';
import { ThemeColor } from '../../fakes/vscode';

const ROOT = join(__dirname, '../../../..');
const CSS = readFileSync(join(ROOT, 'media/report.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/**
 * Default values of the tokens in VS Code's light and dark themes (microsoft/vscode
 * src/vs/platform/theme/common/colors/chartsColors.ts, editorColors.ts, baseColors.ts; the problems icons default
 * to editorError/editorWarning/editorInfo.foreground; descriptionForeground in dark themes is foreground #CCCCCC at
 * 70 % over the background). editor.background: light #FFFFFF, dark #1E1E1E.
 */
const DEFAULTS: Record<string, { readonly light: string; readonly dark: string }> = {
  'charts.green': { light: '#388A34', dark: '#89D185' },
  'problemsErrorIcon.foreground': { light: '#E51400', dark: '#F14C4C' },
  'problemsWarningIcon.foreground': { light: '#BF8803', dark: '#CCA700' },
  'problemsInfoIcon.foreground': { light: '#1A85FF', dark: '#3794FF' },
  'descriptionForeground': { light: '#717171', dark: '#989898' },
};
const BACKGROUNDS = { light: '#FFFFFF', dark: '#1E1E1E' };

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}
function contrast(foreground: string, background: string): number {
  const [high, low] = [luminance(foreground), luminance(background)].sort((a, b) => b - a);
  return ((high ?? 0) + 0.05) / ((low ?? 0) + 0.05);
}

const cssVariable = (token: string): string => `var(--vscode-${token.replace(/\./g, '-')})`;

describe('status colours in light and dark themes', () => {
  it('writes no fixed colour in the report stylesheet: every colour is a theme variable', () => {
    assert.doesNotMatch(CSS, /#[0-9a-f]{3,8}\b/i, 'no hex colour');
    assert.doesNotMatch(CSS, /\b(rgba?|hsla?|hwb|lab|lch|color)\(/i, 'no colour function');
    for (const [, property, value] of CSS.matchAll(/([\w-]+)\s*:\s*([^;}]+)/g)) {
      if (!/color|background|border|outline/.test(property ?? '')) continue;
      const rest = (value ?? '').replace(/var\(--vscode-[\w-]+\)/g, '').replace(/\b\d+(\.\d+)?(px|em)?\b/g, '').replace(/\b(solid|none|collapse)\b/g, '').trim();
      assert.equal(rest, '', `${property ?? ''}: ${value ?? ''}`);
    }
  });

  it('writes no fixed colour in the webview scripts either', () => {
    for (const file of readdirSync(join(ROOT, 'src/webview'))) {
      const text = readFileSync(join(ROOT, 'src/webview', file), 'utf8');
      assert.doesNotMatch(text, /['"`]#[0-9a-f]{3,8}['"`]|\b(rgba?|hsla?)\(|style\s*[=:]/i, file);
    }
  });

  it('marks each status in the report with the token the tree uses', () => {
    for (const [status, token] of Object.entries(STATUS_COLOR_TOKENS)) {
      const rule = new RegExp(`\\.status-${status} \\.status-mark \\{ color: ${cssVariable(token).replace(/[()]/g, '\\$&')}; \\}`);
      assert.match(CSS, rule, status);
    }
  });

  it('draws tree icons in those tokens, never in testing.iconPassed (#73c991, 2:1 on white)', () => {
    for (const status of Object.keys(STATUS_COLOR_TOKENS) as CheckStatus[]) {
      const icon = statusIcon(status) as unknown as { color?: ThemeColor };
      assert.equal(icon.color?.id, STATUS_COLOR_TOKENS[status]);
    }
    assert.ok(contrast('#73C991', BACKGROUNDS.light) < 2.1, 'why testing.iconPassed is not used');
  });

  it('keeps every status mark at 3:1 or more against the editor background in both default themes (WCAG 1.4.11)', () => {
    for (const token of Object.values(STATUS_COLOR_TOKENS)) {
      const values = DEFAULTS[token];
      assert.ok(values, `default values of ${token} are listed`);
      for (const theme of ['light', 'dark'] as const) {
        const ratio = contrast(values[theme], BACKGROUNDS[theme]);
        assert.ok(ratio >= 3, `${token} in the ${theme} theme: ${ratio.toFixed(2)}:1`);
      }
    }
  });
});
