import { ALL_SELECTOR, andSelectors, type Selector } from './selectorSyntax';

export type LabelSelectorResult = { readonly ok: true; readonly selector: Selector } | { readonly ok: false; readonly error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A Kubernetes LabelSelector (matchLabels, matchExpressions with In, NotIn, Exists, DoesNotExist) as the Calico
 * selector libcalico-go's k8s conversion makes of it; an empty one selects everything.
 */
export function labelSelectorToSelector(value: unknown): LabelSelectorResult {
  if (value === undefined || value === null) return { ok: true, selector: ALL_SELECTOR };
  if (!isRecord(value)) return { ok: false, error: 'a label selector must be a mapping' };
  const parts: Selector[] = [];
  const matchLabels = value['matchLabels'];
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isRecord(matchLabels)) return { ok: false, error: 'matchLabels must be a mapping' };
    for (const [key, label] of Object.entries(matchLabels)) parts.push({ kind: 'eq', key, value: String(label) });
  }
  const expressions = value['matchExpressions'];
  if (expressions !== undefined && expressions !== null) {
    if (!Array.isArray(expressions)) return { ok: false, error: 'matchExpressions must be a list' };
    for (const expression of expressions) {
      if (!isRecord(expression) || typeof expression['key'] !== 'string') return { ok: false, error: 'each matchExpressions entry needs a key' };
      const key = expression['key'];
      const values = Array.isArray(expression['values']) ? expression['values'].map(String) : [];
      switch (expression['operator']) {
        case 'In':
          parts.push({ kind: 'in', key, values });
          break;
        case 'NotIn':
          parts.push({ kind: 'notIn', key, values });
          break;
        case 'Exists':
          parts.push({ kind: 'has', key });
          break;
        case 'DoesNotExist':
          parts.push({ kind: 'not', operand: { kind: 'has', key } });
          break;
        default:
          return { ok: false, error: `unknown matchExpressions operator ${JSON.stringify(expression['operator'])} (In, NotIn, Exists, DoesNotExist)` };
      }
    }
  }
  return { ok: true, selector: andSelectors(...parts) };
}
