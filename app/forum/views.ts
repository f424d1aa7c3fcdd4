import type { AuthorBadge } from "./badges";

/** What forum loaders hand to components (plain data: dates as ISO strings). */

export type AuthorView = { id: string; name: string; username: string | null; badge: AuthorBadge };

export type CategoryView = {
  id: string;
  slug: string;
  name: string;
  description: string;
  url: string;
  staffOnlyThreads: boolean;
  isQuestions: boolean;
  threadCount: number;
  replyCount: number;
  latest: { title: string; url: string; at: string; authorName: string } | null;
};

export type ThreadListItem = {
  id: number;
  title: string;
  url: string;
  category: { slug: string; name: string; url: string };
  tags: string[];
  author: { name: string; username: string | null };
  replyCount: number;
  likeCount: number;
  createdAt: string;
  lastPostAt: string;
  pinned: boolean;
  locked: boolean;
  isQuestion: boolean;
  solved: boolean;
  /** Signed-in viewers: posts they have not seen yet (null when they never opened the thread: all new). */
  unread: number | null;
  /** The URL that opens the first unread post, for signed-in viewers. */
  unreadUrl: string | null;
};

export type ThreadList = { threads: ThreadListItem[]; total: number; page: number; pageCount: number };

export type PostView = {
  id: number;
  number: number;
  url: string;
  author: AuthorView;
  /** Sanitized at write time; empty for a deleted or (to non-moderators) hidden post. */
  html: string;
  /** The Markdown, for "Quote" (empty when the body is not shown). */
  markdown: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  /** Who deleted it, for the line shown in its place: its author, or a moderator. */
  deletedBy: "author" | "moderator" | null;
  hidden: boolean;
  likeCount: number;
  likedByViewer: boolean;
  isAccepted: boolean;
  can: { edit: boolean; delete: boolean; like: boolean; accept: boolean; quote: boolean };
};

export type ThreadView = {
  id: number;
  slug: string;
  title: string;
  url: string;
  category: { slug: string; name: string; url: string; isQuestions: boolean };
  tags: string[];
  author: { id: string; name: string };
  pinned: boolean;
  locked: boolean;
  postCount: number;
  likeCount: number;
  lastPostNumber: number;
  createdAt: string;
  solved: boolean;
  accepted: PostView | null;
  /** Open "outdated" flags on the accepted answer; notes only for staff. Null when nobody flagged it. */
  outdated: { flagCount: number; notes: { note: string; at: string; by: string }[] } | null;
  /** Closed by a moderator as a duplicate of this thread. */
  duplicateOf: { id: number; title: string; url: string } | null;
  posts: PostView[];
  page: number;
  pageCount: number;
  viewer: {
    signedIn: boolean;
    canReply: boolean;
    replyRefusal: string | null;
    canFlagOutdated: boolean;
    canConfirmAnswer: boolean;
  };
};
