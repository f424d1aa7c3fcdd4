import { EXACT_WORK } from "~/search/bounded-work";
import type { SearchDocument } from "~/search/types";
import { doc } from "./contract";

/** More sections holding "printer" than the exact ranking reads, most of them passing mentions. */
export const COMMON = EXACT_WORK + 500;
const FILLER = ["toner", "cable", "driver", "queue", "tray", "paper", "office", "network"];

/**
 * Threads that mention "printer" in passing (every 40th also "jammed", all in category tickets), then, written
 * last, the page about printers and one page holding the rare word "zyxwvut".
 */
export function boundedCorpus(): SearchDocument[] {
  const documents = Array.from({ length: COMMON }, (_, index) =>
    doc({
      id: `community/thread-${index}`,
      type: "thread",
      category: index % 2 ? "billing" : "tickets",
      title: `Question ${index} about the ${FILLER[index % FILLER.length]}`,
      body: `Our ${FILLER[(index + 3) % FILLER.length]} stopped after the printer update. ${FILLER.join(" ")} ${index % 40 === 0 ? "jammed" : ""}`,
    }),
  );
  documents.push(
    doc({
      id: "kb/set-up-a-printer",
      title: "Set up a printer",
      body: "Connect the printer to the network, install its driver and print a test page.",
    }),
    doc({
      id: "kb/quokka-mode",
      title: "Quokka mode",
      body: "The zyxwvut setting turns on quokka mode for the whole account.",
    }),
  );
  return documents;
}
