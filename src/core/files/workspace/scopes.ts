/**
 * Which files' facts apply to which files: the nearest enclosing folder that holds a source of facts, never above the
 * root the file was found under (a workspace folder, or a path given to `lint`).
 */
export function parentOf(path: string): string | undefined {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return cut <= 0 ? undefined : path.slice(0, cut);
}

/** The folders above a path, nearest first, stopping at `root` (inclusive) when given. */
export function ancestors(path: string, root?: string): string[] {
  const folders: string[] = [];
  for (let folder = parentOf(path); folder !== undefined; folder = parentOf(folder)) {
    if (root !== undefined && !`${folder}/`.startsWith(`${root.replace(/[\\/]+$/, '')}/`)) break;
    folders.push(folder);
  }
  return folders;
}
