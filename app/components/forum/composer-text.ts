/**
 * Puts text at the end of a composer (with a blank line before it), focuses it and tells the preview.
 * Its own module: the thread page offers "Quote" without loading the composer, which only viewers who
 * may reply load.
 */
export function insertIntoComposer(element: HTMLTextAreaElement, text: string) {
  const before = element.value.replace(/\s+$/, "");
  element.value = `${before}${before ? "\n\n" : ""}${text}\n\n`;
  element.dispatchEvent(new Event("forum:inserted"));
  element.focus();
  element.setSelectionRange(element.value.length, element.value.length);
}
