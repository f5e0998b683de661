import { normalize, sep } from 'node:path';

/** A relative path that stays inside the destination, or undefined: no absolute paths, no `..`, no NUL. */
export function safeRelativePath(name: string): string | undefined {
  if (name.includes('\0')) return undefined;
  const cleaned = name.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (cleaned === '' || cleaned.startsWith('/') || /^[A-Za-z]:/.test(cleaned)) return undefined;
  const normalised = normalize(cleaned);
  if (normalised.split(sep).some((part) => part === '..')) return undefined;
  // A folder's trailing slash is not part of its name.
  return normalised.replace(/[/\\]+$/, '');
}
