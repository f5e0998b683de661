/**
 * Rows of a `kubectl get …` table as the logs collector saved it. kubectl aligns columns with a tabwriter, so each
 * column starts where its header label starts; the last column runs to the end of the line (MESSAGE may have spaces).
 */
export function parseKubectlTable(text: string): Record<string, string>[] {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const header = lines.find((line) => /^[A-Z][A-Z -]*[A-Z](\s{2,}|$)/.test(line));
  if (!header) return [];
  const columns: { name: string; start: number }[] = [];
  const pattern = /\S+(?: \S+)*/g;
  for (let match = pattern.exec(header); match; match = pattern.exec(header)) columns.push({ name: match[0], start: match.index });
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(lines.indexOf(header) + 1)) {
    if (/^[A-Z][A-Z -]*[A-Z]\s{2,}/.test(line) && line.trim() === line.trim().toUpperCase()) continue;
    const row: Record<string, string> = {};
    columns.forEach((column, index) => {
      const next = columns[index + 1];
      row[column.name] = line.slice(column.start, next ? next.start : undefined).trim();
    });
    rows.push(row);
  }
  return rows;
}
