/** Ideas whose titles resemble what a member is typing, from a cached list of visible titles. */
import { prisma } from "../lib/db.server";
import { memoizeUntilPurged } from "../lib/page-cache-purge.server";
import { IDEAS_LIST_TAG, ideaPath, STATUS_LABELS, type IdeaStatus } from "./rules";
import { titleWords, similarityScore } from "./similarity";
import { statusOf, VISIBLE } from "./card-rows.server";

type TitleEntry = { id: number; slug: string; title: string; voteCount: number; status: string; words: string[] };

const visibleTitles = memoizeUntilPurged([IDEAS_LIST_TAG], 60_000, async (): Promise<TitleEntry[]> => {
  const rows = await prisma.idea.findMany({
    where: VISIBLE,
    select: { id: true, slug: true, title: true, voteCount: true, status: true },
  });
  return rows.map((row) => ({ ...row, words: titleWords(row.title) }));
});

export type SimilarIdea = {
  id: number;
  title: string;
  url: string;
  voteCount: number;
  status: IdeaStatus;
  statusLabel: string;
};

export async function similarIdeas(typed: string, limit = 5): Promise<SimilarIdea[]> {
  const words = titleWords(typed);
  if (words.length === 0) return [];
  const scored = (await visibleTitles())
    .map((entry) => ({ entry, score: similarityScore(words, entry.words) }))
    .filter((candidate) => candidate.score >= 0.34)
    .sort((a, b) => b.score - a.score || b.entry.voteCount - a.entry.voteCount);
  return scored.slice(0, limit).map(({ entry }) => {
    const status = statusOf(entry.status);
    return {
      id: entry.id,
      title: entry.title,
      url: ideaPath(entry),
      voteCount: entry.voteCount,
      status,
      statusLabel: STATUS_LABELS[status],
    };
  });
}
