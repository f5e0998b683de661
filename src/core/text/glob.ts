/**
 * A glob as VS Code settings write them (`**` any folders, `*` any name part, `?` one character, `{a,b}`
 * alternatives), compiled to a RegExp over forward-slash paths. A pattern without a slash matches the file name
 * anywhere, like `files.exclude`.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  let inGroup = false;
  for (let index = 0; index < glob.length; index++) {
    const character = glob[index] ?? '';
    if (character === '*' && glob[index + 1] === '*') {
      const slashAfter = glob[index + 2] === '/';
      pattern += slashAfter ? '(?:.*/)?' : '.*';
      index += slashAfter ? 2 : 1;
    } else if (character === '*') pattern += '[^/]*';
    else if (character === '?') pattern += '[^/]';
    else if (character === '{') {
      pattern += '(?:';
      inGroup = true;
    } else if (character === '}' && inGroup) {
      pattern += ')';
      inGroup = false;
    } else if (character === ',' && inGroup) pattern += '|';
    else pattern += character.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  const anchored = glob.includes('/') ? `(?:^|/)${pattern.replace(/^\(\?:\.\*\/\)\?/, '')}$` : `(?:^|/)${pattern}$`;
  return new RegExp(glob.startsWith('**/') || !glob.includes('/') ? anchored : `^${pattern}$`);
}

export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  const normalised = path.replace(/\\/g, '/');
  return globs.some((glob) => globToRegExp(glob).test(normalised));
}
