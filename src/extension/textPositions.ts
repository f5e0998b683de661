import * as vscode from 'vscode';

/** What placing a finding needs of a document: an open TextDocument has it, a file read from disk gets it here. */
export type Positioned = Pick<vscode.TextDocument, 'uri' | 'positionAt'>;

/** Offsets to positions over a file's text, for a file that is not open in the editor. */
export function textPositions(uri: vscode.Uri, text: string): Positioned {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  return {
    uri,
    positionAt: (offset: number) => {
      const at = Math.max(0, Math.min(offset, text.length));
      // The last line starting at or before the offset.
      let low = 0;
      let high = lineStarts.length - 1;
      while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if ((lineStarts[middle] ?? 0) <= at) low = middle;
        else high = middle - 1;
      }
      return new vscode.Position(low, at - (lineStarts[low] ?? 0));
    },
  };
}
