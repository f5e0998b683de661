import type * as vscode from 'vscode';
import { EventEmitter } from './vscode';

/** VS Code's SecretStorage in memory: what the Rancher token store reads and writes in unit tests. */
export class FakeSecrets implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  private readonly changed = new EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event as unknown as vscode.Event<vscode.SecretStorageChangeEvent>;

  get(key: string): Thenable<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }

  keys(): Thenable<string[]> {
    return Promise.resolve([...this.values.keys()]);
  }

  store(key: string, value: string): Thenable<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
    return Promise.resolve();
  }

  delete(key: string): Thenable<void> {
    this.values.delete(key);
    this.changed.fire({ key });
    return Promise.resolve();
  }
}
