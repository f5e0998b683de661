/**
 * A strict reader of the OpenMetrics text format (the subset the product writes: gauges), for the hardening cases:
 * it throws on anything a Pushgateway or Prometheus would refuse — a sample outside its family, a family declared
 * twice, a bad metric or label name, a badly escaped label value, a duplicate label, a duplicate series, a value that
 * is not a number, a blank line, or a missing `# EOF` at the end.
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Reads `{a="x",b="y"}` from `text` at `start` (just after `{`); returns the labels and the index after `}`. */
function readLabels(text: string, start: number, where: string): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let index = start;
  if (text[index] === '}') return { labels, end: index + 1 };
  for (;;) {
    const equals = text.indexOf('=', index);
    if (equals === -1) throw new Error(`${where}: label without "="`);
    const name = text.slice(index, equals);
    if (!LABEL_NAME.test(name)) throw new Error(`${where}: bad label name ${JSON.stringify(name)}`);
    if (name in labels) throw new Error(`${where}: label ${name} twice`);
    if (text[equals + 1] !== '"') throw new Error(`${where}: label value not quoted`);
    let value = '';
    let cursor = equals + 2;
    for (;;) {
      const character = text[cursor];
      if (character === undefined) throw new Error(`${where}: unterminated label value`);
      if (character === '"') break;
      if (character === '\n') throw new Error(`${where}: raw line feed in a label value`);
      if (character === '\\') {
        const next = text[cursor + 1];
        if (next === '\\') value += '\\';
        else if (next === '"') value += '"';
        else if (next === 'n') value += '\n';
        else throw new Error(`${where}: bad escape \\${String(next)}`);
        cursor += 2;
        continue;
      }
      value += character;
      cursor++;
    }
    labels[name] = value;
    index = cursor + 1;
    if (text[index] === '}') return { labels, end: index + 1 };
    if (text[index] !== ',') throw new Error(`${where}: expected "," or "}" after a label`);
    index++;
  }
}

export function parseOpenMetricsStrictly(text: string): Sample[] {
  if (!text.endsWith('# EOF\n')) throw new Error('does not end with "# EOF" and a line feed');
  const lines = text.slice(0, -'# EOF\n'.length).split('\n');
  if (lines.at(-1) === '') lines.pop();
  const families = new Set<string>();
  const series = new Set<string>();
  const samples: Sample[] = [];
  let family: string | undefined;
  lines.forEach((line, number) => {
    const where = `line ${number + 1}`;
    if (line === '') throw new Error(`${where}: blank line`);
    if (line.startsWith('# TYPE ')) {
      const [name, type] = line.slice(7).split(' ');
      if (name === undefined || !METRIC_NAME.test(name) || type !== 'gauge') throw new Error(`${where}: bad TYPE line`);
      if (families.has(name)) throw new Error(`${where}: family ${name} declared twice (families interleaved)`);
      families.add(name);
      family = name;
      return;
    }
    if (line.startsWith('# HELP ')) {
      if (line.split(' ')[2] !== family) throw new Error(`${where}: HELP for another family`);
      return;
    }
    if (line.startsWith('#')) throw new Error(`${where}: unknown comment`);
    const brace = line.indexOf('{');
    const name = brace === -1 ? line.split(' ')[0] ?? '' : line.slice(0, brace);
    if (!METRIC_NAME.test(name) || name !== family) throw new Error(`${where}: sample ${name} outside its family (${String(family)})`);
    const { labels, end } = brace === -1 ? { labels: {}, end: name.length } : readLabels(line, brace + 1, where);
    const rest = line.slice(end);
    if (!/^ [-+]?(\d+(\.\d+)?([eE][-+]?\d+)?|NaN|[-+]?Inf)$/.test(rest)) throw new Error(`${where}: bad value ${JSON.stringify(rest)}`);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)))}`;
    if (series.has(key)) throw new Error(`${where}: duplicate series ${line}`);
    series.add(key);
    samples.push({ name, labels, value: Number(rest.trim()) });
  });
  return samples;
}
