import type { IdeaStatus } from "./rules";

/** What pages and components get of an idea in a list (no server imports: components read it). */
export type IdeaCard = {
  id: number;
  title: string;
  url: string;
  status: IdeaStatus;
  statusLabel: string;
  area: { slug: string; name: string };
  voteCount: number;
  commentCount: number;
  pinned: boolean;
  excerpt: string;
  createdAt: string;
  updatedAt: string;
  shippedAt: string | null;
};
