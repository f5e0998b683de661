/** DOM helpers of the report webviews: every piece of text goes in as a text node, never as HTML. */
export function element(tag: string, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** A @vscode-elements table with a header row and one row per entry. */
export function table(headers: readonly string[], rows: readonly (readonly (string | Node)[])[]): HTMLElement {
  const header = element('vscode-table-header', { slot: 'header' }, ...headers.map((text) => element('vscode-table-header-cell', {}, text)));
  const body = element('vscode-table-body', { slot: 'body' }, ...rows.map((row) => element('vscode-table-row', {}, ...row.map((cell) => element('vscode-table-cell', {}, cell)))));
  return element('vscode-table', { zebra: '', 'bordered-rows': '', resizable: '' }, header, body);
}
