/** "Quote": the quoted text as Markdown, each line behind "> ", with who wrote it and a link to where. */
export function quoteMarkdown(text: string, author: string, postUrl: string, number: number): string {
  const quoted = text
    .trim()
    .split("\n")
    .map((line) => `> ${line}`.trimEnd())
    .join("\n");
  const safeAuthor = author.replace(/[\\[\]()*_`<>!#|~]/g, (character) => `\\${character}`);
  return `${safeAuthor} [wrote in post #${number}](${postUrl}):\n\n${quoted}`;
}
