import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionLink, statusMark, table } from '../../src/webview/dom';

/** Just enough DOM for the report pages' helpers: elements with attributes, children and listeners. */
class FakeElement {
  readonly attributes = new Map<string, string>();
  readonly children: (FakeElement | string)[] = [];
  readonly listeners = new Map<string, ((event: { preventDefault(): void }) => void)[]>();
  constructor(readonly tag: string) {}
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  append(...nodes: (FakeElement | string)[]): void {
    this.children.push(...nodes);
  }
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  find(tag: string): FakeElement[] {
    const own = this.children.filter((child): child is FakeElement => typeof child !== 'string');
    return [...own.filter((child) => child.tag === tag), ...own.flatMap((child) => child.find(tag))];
  }
  get text(): string {
    return this.children.map((child) => (typeof child === 'string' ? child : child.text)).join('');
  }
}

Object.assign(globalThis, { document: { createElement: (tag: string) => new FakeElement(tag) } });

describe('tables and links of the report pages', () => {
  it('draws a plain table whose columns are sized by class, with every cell as text', () => {
    const drawn = table([{ label: 'Status', kind: 'status' }, { label: 'Summary', kind: 'text' }], [['fail', '<img src=x onerror=alert(1)>']], () => 'row-fail') as unknown as FakeElement;
    assert.deepEqual(drawn.find('col').map((col) => col.attributes.get('class')), ['col-status', 'col-text']);
    assert.deepEqual(drawn.find('th').map((cell) => [cell.text, cell.attributes.get('scope')]), [['Status', 'col'], ['Summary', 'col']]);
    const [row] = drawn.find('tr').filter((entry) => entry.attributes.get('class') === 'row-fail');
    assert.ok(row);
    assert.deepEqual(row.find('td').map((cell) => cell.children), [['fail'], ['<img src=x onerror=alert(1)>']], 'text nodes, never HTML');
    assert.equal(drawn.find('table')[0]?.attributes.get('class'), 'grid');
  });

  it('marks a status with a shape and the word, and links with buttons that never navigate', () => {
    const mark = statusMark('warn') as unknown as FakeElement;
    assert.equal(mark.attributes.get('class'), 'status status-warn');
    assert.equal(mark.text, '▲warn');
    let clicked = 0;
    let prevented = 0;
    const link = actionLink('a.yaml:3:5', () => clicked++) as unknown as FakeElement;
    assert.deepEqual([link.tag, link.attributes.get('type'), link.attributes.get('class')], ['button', 'button', 'link']);
    for (const listener of link.listeners.get('click') ?? []) listener({ preventDefault: () => prevented++ });
    assert.deepEqual([clicked, prevented], [1, 1]);
  });
});
