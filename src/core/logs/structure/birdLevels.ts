/**
 * The level of a BIRD line printed without one. calico-node runs BIRD with its log on stderr, where BIRD writes
 * `bird: <message>` and drops the class (sysdep/unix/log.c log_commit); the message's template in BIRD's sources
 * (birdMessages.generated.ts, by scripts/upstream/extractBirdMessages.mjs) says which class the call logged it at.
 */
import type { LineLevel } from '../logLine';
import { BIRD_MESSAGES, type BirdLevel } from './birdMessages.generated';

const LEVELS: Readonly<Record<BirdLevel, LineLevel>> = { remote: 'warning', warning: 'warning', error: 'error', fatal: 'fatal' };

interface CompiledTemplate {
  readonly pattern: RegExp;
  readonly level: LineLevel;
}

let compiled: readonly CompiledTemplate[] | undefined;

/** `{}` stands for one printf conversion: any text, as short as possible; the rest is literal. */
function toPattern(template: string): RegExp {
  const literal = template.split('{}').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${literal.join('.*?')}$`);
}

/**
 * Templates with the most literal text first, so a specific message wins over a general one that also fits it; a
 * template logged at two levels keeps the higher one.
 */
function templates(): readonly CompiledTemplate[] {
  if (compiled === undefined) {
    const rank: Readonly<Record<BirdLevel, number>> = { fatal: 3, error: 2, warning: 1, remote: 0 };
    compiled = [...BIRD_MESSAGES]
      .sort((a, b) => b[1].replace(/\{\}/g, '').length - a[1].replace(/\{\}/g, '').length || rank[b[0]] - rank[a[0]])
      .map(([level, template]) => ({ pattern: toPattern(template), level: LEVELS[level] }));
  }
  return compiled;
}

/** The level BIRD logged a message at, or undefined when no template of its sources fits (INFO and below among them). */
export function birdLevel(message: string): LineLevel | undefined {
  const text = message.trimEnd();
  for (const template of templates()) if (template.pattern.test(text)) return template.level;
  return undefined;
}
