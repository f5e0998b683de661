import { versionReportToMarkdown } from '../../core/report/versionReportMarkdown';
import { lookUpVersion } from '../../core/versionLookup';
import { CommandError } from '../commandRunner';
import { showMarkdownReport } from '../reportDocuments';
import type { Services } from '../services';

/**
 * "Look Up RKE2/Calico Version": asks for a version (pre-filled from `rke2Calico.rke2Version`) and shows the verdict,
 * the components, the known issues and the release to move to. Input errors are shown inline in the box.
 */
export function lookUpVersionCommand({ apis, config, documents }: Services): () => Promise<void> {
  return async () => {
    const input = await apis.window.showInputBox({
      title: 'RKE2 Calico: look up a version',
      prompt: 'An RKE2 release (v1.32.2+rke2r1), Calico release (v3.29.2), rke2-calico chart (v3.29.200) or tigera-operator release (v1.36.5)',
      value: config.settings.rke2Version ?? '',
      ignoreFocusOut: true,
      validateInput: (text) => {
        if (text.trim() === '') return undefined;
        const outcome = lookUpVersion(text);
        return outcome.ok ? undefined : outcome.error;
      },
    });
    if (input === undefined || input.trim() === '') return;
    const outcome = lookUpVersion(input);
    if (!outcome.ok) throw new CommandError(outcome.error, [], 'warning');
    await showMarkdownReport(apis.commands, documents, `version-${outcome.report.input}`, versionReportToMarkdown(outcome.report));
  };
}
