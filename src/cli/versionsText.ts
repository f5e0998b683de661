import type { Palette } from './palette';

const MARK = /^( {2})(ERROR|WARNING|INFO)( )/;

/** Colour around the verdict and the severity marks of `versions` text; the rest stays as it was made. */
export function colourVersionsText(text: string, palette: Palette): string {
  if (!palette.enabled) return text;
  return text.split('\n').map((line) => {
    if (line === 'Verdict: affected.') return palette.bold(palette.red(line));
    if (line.startsWith('Verdict: no known issue')) return palette.bold(palette.green(line));
    if (line.startsWith('Verdict: ')) return palette.bold(palette.yellow(line));
    const mark = MARK.exec(line);
    if (!mark) return line;
    const colour = mark[2] === 'ERROR' ? palette.red : mark[2] === 'WARNING' ? palette.yellow : palette.dim;
    return `${mark[1] ?? ''}${colour(mark[2] ?? '')}${mark[3] ?? ''}${line.slice(mark[0].length)}`;
  }).join('\n');
}
