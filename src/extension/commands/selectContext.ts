import { CommandError } from '../commandRunner';
import { describeProblem, problemFromOpen } from '../connectionProblem';
import type { Services } from '../services';

/** "Select Context": picks a kubeconfig context (stored in the setting rke2Calico.context; the kubeconfig is never written). */
export function selectContextCommand({ apis, session, config }: Services): () => Promise<void> {
  return async () => {
    const opened = await session.contexts();
    if (!opened.ok) {
      const problem = problemFromOpen(opened);
      throw new CommandError(describeProblem(problem), problem.steps.filter((step) => step !== 'selectContext'));
    }
    const chosen = config.settings.context ?? opened.context;
    const picked = await apis.window.showQuickPick(opened.contexts.map((name) => ({ label: name, picked: name === chosen, description: name === chosen ? 'current' : '' })), { title: 'Kubernetes context to check' });
    if (!picked) return;
    // The setting's change drops the connection (Config: a reconnect setting); the check then reads the new context.
    await config.setContext(picked.label);
    await apis.commands.executeCommand('rke2Calico.runCheck');
  };
}
