/**
 * Text from outside (a cluster's names, messages and summaries, file content) put into Markdown: the Markdown export,
 * the readiness and fleet reports, and the editor's tooltips and hovers, whose MarkdownStrings render links and
 * images. Every character Markdown could read as markup is escaped, so a TigeraStatus message cannot become a
 * remote image, a link with other text than its address, or HTML; line breaks of every kind end a table row, so in
 * a cell they become spaces.
 */

/** Every ASCII punctuation CommonMark gives a meaning to (links, images, emphasis, code, HTML, tables, entities). */
const MARKUP = /[\\`*_{}[\]()<>#|!~&]/g;
/** Every line break a Markdown renderer honours: CR LF, lone CR, LF, NEL, LS, PS. */
const LINE_BREAKS = /\r\n|[\r\n\u0085\u2028\u2029]/g;

/** Escapes characters that Markdown would read as markup inside running text. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKUP, (character) => `\\${character}`);
}

/** Running text on one line (a table cell, a list item, a heading): escaped, every line break a space. */
export function markdownCell(text: string): string {
  return escapeMarkdown(text.replace(LINE_BREAKS, ' '));
}
