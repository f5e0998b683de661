import * as vscode from 'vscode';

/**
 * The prerequisites tree. Until a readiness check has run it has no rows, so VS Code shows the view's welcome
 * content (package.json `viewsWelcome`), which says what the tree will show and how to start.
 */
export class PrerequisitesView implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}
