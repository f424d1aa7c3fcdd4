/**
 * The arithmetic of merging one idea's votes into another, and of undoing it, without the
 * database: the server modules apply these plans inside one transaction, and the unit tests check
 * them with overlapping voters. No imports.
 */
export type VoteRow = { userId: string; importance: string | null; createdAt: Date; mergedFromIdeaId: number | null };

export type MergePlan = {
  /** Votes that move to the target (their voter had not voted for it), marked as merged from the source. */
  move: VoteRow[];
  /** Voters who had voted for both: they keep their one vote on the target; their source vote goes. */
  overlap: string[];
  /** The target's vote count after the merge: its unique voters. */
  targetCount: number;
};

export function planMerge(sourceId: number, source: readonly VoteRow[], target: readonly VoteRow[]): MergePlan {
  const onTarget = new Set(target.map((vote) => vote.userId));
  const move: VoteRow[] = [];
  const overlap: string[] = [];
  for (const vote of source) {
    if (onTarget.has(vote.userId)) overlap.push(vote.userId);
    else move.push({ ...vote, mergedFromIdeaId: sourceId });
  }
  return { move, overlap, targetCount: target.length + move.length };
}

export type UnmergePlan = {
  /** Votes that go back from the target to the source (the ones the merge moved). */
  moveBack: string[];
  /** Votes restored on the source for voters who had voted for both (their target vote stays). */
  restore: string[];
  sourceCount: number;
  targetCount: number;
};

/**
 * Undoing a merge puts every voter back exactly: the votes that moved go back to the source, and
 * the overlapping voters (recorded at merge time) get their source vote again while keeping the
 * one on the target. A voter who removed their moved vote after the merge stays removed.
 */
export function planUnmerge(
  sourceId: number,
  target: readonly VoteRow[],
  overlapAtMerge: readonly string[],
): UnmergePlan {
  const moveBack = target.filter((vote) => vote.mergedFromIdeaId === sourceId).map((vote) => vote.userId);
  const stillOnTarget = new Set(target.map((vote) => vote.userId));
  const restore = overlapAtMerge.filter((userId) => stillOnTarget.has(userId));
  return {
    moveBack,
    restore,
    sourceCount: moveBack.length + restore.length,
    targetCount: target.length - moveBack.length,
  };
}
