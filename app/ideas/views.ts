import type { IdeaStatus, Importance } from "./rules";

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

/** An idea another one points at (merged into, merged from). */
export type IdeaLink = { id: number; title: string; url: string };

/** One idea as its page shows it. `descriptionMarkdown` is empty unless the viewer is staff (it fills the edit form). */
export type IdeaDetail = IdeaCard & {
  html: string;
  statusNote: string;
  statusChangedAt: string | null;
  authorName: string;
  mergedInto: IdeaLink | null;
  hidden: boolean;
  descriptionMarkdown: string;
};

/** A comment with its replies (one level); internal notes reach staff only. */
export type IdeaComment = {
  id: string;
  authorName: string;
  staff: boolean;
  html: string;
  internal: boolean;
  createdAt: string;
  replies: IdeaComment[];
};

/** A status change as the idea's history lists it (status labels, not codes). */
export type IdeaStatusChange = { from: string; to: string; comment: string; at: string };

/** What the viewer has done and may do on an idea's page. */
export type IdeaViewer = {
  signedIn: boolean;
  voted: boolean;
  importance: Importance | null;
  showName: boolean;
  following: boolean;
  staff: boolean;
  canModerate: boolean;
  canSetStatus: boolean;
  canMerge: boolean;
};

/** Staff only: who voted (with their account and plan) and how important it is to them. */
export type IdeaStaffView = {
  voters: {
    name: string;
    email: string;
    account: string | null;
    plan: string | null;
    importance: string | null;
    viaMerge: boolean;
  }[];
  importance: Record<Importance | "unsaid", number>;
};
