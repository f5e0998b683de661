/**
 * Import first: from here on, `require('vscode')` (in the modules under test) gets the stand-in of ./vscode.ts.
 * Node's module loader is patched through Reflect, so nothing in the types pretends the internal hook exists.
 */
import Module from 'node:module';
import * as fake from './vscode';

const original: unknown = Reflect.get(Module, '_load');
if (typeof original !== 'function') throw new Error('node:module has no _load to patch');
Reflect.set(Module, '_load', function load(this: unknown, request: string, ...rest: unknown[]): unknown {
  if (request === 'vscode') return fake;
  const loaded: unknown = Reflect.apply(original, this, [request, ...rest]);
  return loaded;
});
