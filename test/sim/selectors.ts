/** Kubernetes label and field selector matching, as much as the product and kubectl use. */
type Requirement = (values: Readonly<Record<string, string>>) => boolean;

function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const character of selector) {
    if (character === '(') depth++;
    if (character === ')') depth--;
    if (character === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += character;
  }
  if (current.trim() !== '') parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

function requirement(expression: string): Requirement {
  let match = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(expression);
  if (match) {
    const [, key = '', operator, list = ''] = match;
    const values = list.split(',').map((value) => value.trim());
    return (labels) => (operator === 'in' ? values.includes(labels[key] ?? '\u0000') : !values.includes(labels[key] ?? '\u0000'));
  }
  match = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(expression);
  if (match) {
    const [, key = '', operator, value = ''] = match;
    return (labels) => (operator === '!=' ? labels[key] !== value : labels[key] === value);
  }
  match = /^(!?)([\w./-]+)$/.exec(expression);
  if (match) {
    const [, negate, key = ''] = match;
    return (labels) => (negate ? !(key in labels) : key in labels);
  }
  throw new Error(`unable to parse requirement: ${expression}`);
}

/** Compiles a selector; throws on syntax the API server would also reject (answered with 400). */
export function compileSelector(selector: string | null): Requirement {
  if (selector === null || selector.trim() === '') return () => true;
  const requirements = splitTopLevel(selector).map(requirement);
  return (values) => requirements.every((check) => check(values));
}

/** The fields of an object that field selectors may name. */
export function selectableFields(object: Record<string, unknown>): Record<string, string> {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  const status = (object.status ?? {}) as Record<string, unknown>;
  const involved = (object.involvedObject ?? {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const put = (key: string, value: unknown): void => {
    if (typeof value === 'string') fields[key] = value;
  };
  put('metadata.name', metadata.name);
  put('metadata.namespace', metadata.namespace);
  put('spec.nodeName', spec.nodeName);
  put('status.phase', status.phase);
  put('reason', object.reason);
  put('type', object.type);
  put('involvedObject.name', involved.name);
  put('involvedObject.namespace', involved.namespace);
  put('involvedObject.kind', involved.kind);
  return fields;
}
