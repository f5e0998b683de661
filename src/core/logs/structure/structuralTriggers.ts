/**
 * Literals that every line of a failure level contains in one of the formats lineStructure.ts reads, so the scanner's
 * one multi-literal search also finds the lines the catalog has no wording for. A trigger that begins with a line
 * break stands for "at the start of a line" (klog's severity letter); the scanner places its hit after the break.
 */
export const STRUCTURAL_TRIGGERS: readonly string[] = [
  // Calico: [LEVEL][pid]
  '[ERROR]', '[FATAL]', '[PANIC]', '[WARNING]',
  // logrus text and on a terminal
  'level=error', 'level=fatal', 'level=panic', 'ERRO[', 'FATA[', 'PANI[',
  // zap JSON (tigera-operator)
  '"level":"error"', '"level":"fatal"', '"level":"panic"', '"level":"dpanic"',
  // klog at the start of a line, bare, behind journald or behind a CRI prefix
  '\nE', '\nF', ']: E', ']: F', 'stderr F E', 'stderr F F', 'stdout F E', 'stdout F F',
  // Kubernetes events (kubectl get events, kubectl describe)
  'Warning ',
  // BIRD, and the Go runtime
  'bird: ', 'panic: ', 'fatal error: ',
  // a command-line tool's error (helm, kubectl) at the start of a line
  '\nError: ',
];

/** Whether a line starts like a klog line of error or fatal severity (for a text's first line, which no break precedes). */
export function startsLikeKlogFailure(text: string, at: number): boolean {
  const letter = text.charCodeAt(at);
  if (letter !== 69 && letter !== 70) return false;
  for (let index = at + 1; index < at + 5; index++) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return text.charCodeAt(at + 5) === 32;
}
