import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../core/log/logger';
import type { Services } from './services';

/** Where RKE2 writes its node logs (rke2-docs reference/logging.md). */
const NODE_LOG_FILES = ['/var/lib/rancher/rke2/agent/logs/kubelet.log', '/var/lib/rancher/rke2/agent/containerd/containerd.log'];
const POD_LOG_ROOT = '/var/log/pods';
const CALICO_POD_FOLDERS = /^(calico-system|tigera-operator|kube-system_helm-install-rke2-calico)/;

function podLogFiles(): string[] {
  if (!existsSync(POD_LOG_ROOT)) return [];
  return readdirSync(POD_LOG_ROOT)
    .filter((folder) => CALICO_POD_FOLDERS.test(folder))
    .flatMap((folder) => readdirSync(join(POD_LOG_ROOT, folder)).flatMap((container) => {
      const dir = join(POD_LOG_ROOT, folder, container);
      return statSync(dir).isDirectory() ? readdirSync(dir).filter((file) => file.endsWith('.log')).map((file) => join(dir, file)) : [];
    }));
}

function hasJournalctl(): boolean {
  return ['/usr/bin/journalctl', '/bin/journalctl'].some((path) => existsSync(path));
}

/**
 * "Open Node Log…": when VS Code runs on an RKE2 node (e.g. over Remote-SSH), the kubelet and containerd logs,
 * Calico's /var/log/pods files, and the rke2-server/rke2-agent journald units (journalctl started with an argument
 * list, never a shell, and only on this explicit command).
 */
export function openNodeLogCommand({ apis, config, documents, notifier }: Services): () => Promise<void> {
  const show = async (document: vscode.TextDocument): Promise<void> => {
    await apis.languages.setTextDocumentLanguage(document, 'rke2-calico-log');
    await apis.window.showTextDocument(document, { preview: false });
  };
  return async () => {
    const files = [...NODE_LOG_FILES.filter((path) => existsSync(path)), ...podLogFiles()];
    const units = hasJournalctl() ? ['rke2-server', 'rke2-agent'] : [];
    const picks = [...files.map((path) => ({ label: path, source: 'file' as const, target: path })), ...units.map((unit) => ({ label: `journalctl -u ${unit}`, source: 'unit' as const, target: unit }))];
    if (picks.length === 0) {
      notifier.info('no RKE2 node logs here (this machine has no /var/lib/rancher/rke2 logs, Calico pod logs or journalctl).');
      return;
    }
    const picked = await apis.window.showQuickPick(picks, { title: 'Node log to open' });
    if (!picked) return;
    if (picked.source === 'file') {
      await show(await apis.workspace.openTextDocument(vscode.Uri.file(picked.target)));
      return;
    }
    const lines = config.settings.logTailLines;
    execFile('journalctl', ['-u', picked.target, '-n', String(lines), '--no-pager'], { maxBuffer: 256 * 1024 * 1024 }, (error, stdout) => {
      if (error && stdout === '') {
        void notifier.warning(`journalctl -u ${picked.target} failed: ${error.message}`, ['showLogs']);
        return;
      }
      const uri = documents.publish(`journal-${picked.target}`, `# journalctl -u ${picked.target} -n ${lines}\n${stdout}`, 'log');
      void apis.workspace.openTextDocument(uri).then(show).then(undefined, (failure: unknown) => notifier.error(`could not open the journal of ${picked.target}: ${errorMessage(failure)}`, [], failure));
    });
  };
}
