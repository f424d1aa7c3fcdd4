/** What the thread page hands the flag dialog and the moderator menu (plain data; components read it). */
export type ThreadModerationView = {
  /** The viewer may flag posts by others (signed in, not suspended). */
  canFlag: boolean;
  viewerId: string | null;
  /** Posts on this page the viewer has already flagged. */
  flaggedPostIds: number[];
  moderator: null | { categories: { slug: string; name: string }[]; canReview: boolean; canSuspend: boolean };
};
