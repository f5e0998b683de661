/** DOM helpers of the report webviews: every piece of text goes in as a text node, never as HTML. */
export function element(tag: string, attributes: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/**
 * A column of a report table. `kind` sizes it through report.css (`col-status` narrow, `col-text` wide, …): a class,
 * not an inline style, which the page's Content-Security-Policy would refuse.
 */
export interface Column {
  readonly label: string;
  readonly kind: 'status' | 'area' | 'title' | 'text' | 'name' | 'place' | 'code' | 'count' | 'version' | 'time';
}

/**
 * A plain HTML table: cells wrap instead of cutting, columns keep the widths their kind gives them, and the page
 * scrolls sideways only when a column cannot shrink further. A row of `cells` may carry a class (its status).
 */
export function table(columns: readonly Column[], rows: readonly (readonly (string | Node)[])[], rowClass: (index: number) => string | undefined = () => undefined): HTMLElement {
  const colgroup = element('colgroup', {}, ...columns.map((column) => element('col', { class: `col-${column.kind}` })));
  const head = element('thead', {}, element('tr', {}, ...columns.map((column) => element('th', { scope: 'col', class: `col-${column.kind}` }, column.label))));
  const body = element('tbody', {}, ...rows.map((row, index) => {
    const className = rowClass(index);
    return element('tr', className ? { class: className } : {}, ...row.map((cell, column) => element('td', { class: `col-${columns[column]?.kind ?? 'text'}` }, cell)));
  }));
  return element('div', { class: 'table-scroll' }, element('table', { class: 'grid' }, colgroup, head, body));
}

/** A status as the Testing view shows one: a coloured codicon-like mark and the word in the text colour. */
export function statusMark(status: string, label: string = status): HTMLElement {
  return element('span', { class: `status status-${status}` }, element('span', { class: 'status-mark', 'aria-hidden': 'true' }, STATUS_GLYPHS[status] ?? '●'), label);
}

/** Glyphs by status: the shape tells them apart without colour (WCAG 1.4.1), the theme colour adds to it. */
const STATUS_GLYPHS: Record<string, string> = { pass: '✓', warn: '▲', fail: '✕', unknown: '?', skipped: '–' };

/**
 * A link-styled button that runs `onClick` (posts a message, scrolls to a section) instead of navigating: VS Code's
 * webview host handles clicks on <a href> itself (a "#" link scrolls to the top), and a button is focusable and
 * answers Enter and Space without more code.
 */
export function actionLink(text: string, onClick: () => void): HTMLElement {
  const button = element('button', { type: 'button', class: 'link' }, text);
  button.addEventListener('click', (event) => {
    event.preventDefault();
    onClick();
  });
  return button;
}
