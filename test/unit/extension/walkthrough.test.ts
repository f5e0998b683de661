import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '../../../..');

interface Manifest {
  contributes: { commands: { command: string }[]; walkthroughs: { steps: { id: string; completionEvents: string[] }[] }[] };
}

function sources(folder: string): string {
  return readdirSync(folder, { withFileTypes: true }).map((entry) => (entry.isDirectory() ? sources(join(folder, entry.name)) : entry.name.endsWith('.ts') ? readFileSync(join(folder, entry.name), 'utf8') : '')).join('\n');
}

/** A walkthrough step ticks only on an event that happens: a contributed command, or a context key the extension sets. */
describe('the walkthrough', () => {
  it('completes each step on commands that exist and context keys the extension sets', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
    const commands = new Set(manifest.contributes.commands.map((entry) => entry.command));
    const extension = sources(join(ROOT, 'src/extension'));
    for (const step of manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps)) {
      assert.ok(step.completionEvents.length > 0, `${step.id} never completes`);
      for (const event of step.completionEvents) {
        const [kind, name = ''] = event.split(/:(.*)/s);
        if (kind === 'onCommand') assert.ok(commands.has(name), `${step.id}: ${name} is not a command`);
        if (kind === 'onContext') assert.ok(extension.includes(`'setContext', '${name}'`), `${step.id}: nothing sets ${name}`);
      }
    }
  });
});
