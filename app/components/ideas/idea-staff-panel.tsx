import { Form } from "@remix-run/react";
import { FormMessage } from "~/components/forms";
import {
  allowedTransitions,
  IMPORTANCE_LABELS,
  IMPORTANCE_LEVELS,
  STATUS_LABELS,
  type IdeaStatus,
} from "~/ideas/rules";
import { DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, TITLE_MIN_LENGTH } from "~/ideas/schemas";
import type { IdeaStaffView, IdeaViewer } from "~/ideas/views";
import { IDEA_BUTTON_CLASS, IDEA_INPUT_CLASS, IntentButton } from "./intent-button";

type StaffIdea = {
  id: number;
  title: string;
  status: IdeaStatus;
  pinned: boolean;
  hidden: boolean;
  descriptionMarkdown: string;
  area: { slug: string };
  mergedInto: { id: number } | null;
};
type StaffAnswer = { intent: string; error?: string };

/** The refusal of one staff form, shown under that form. */
function ErrorFor({ intent, answer }: { intent: string; answer?: StaffAnswer }) {
  return answer?.intent === intent && answer.error ? <FormMessage tone="error">{answer.error}</FormMessage> : null;
}

/** Staff tools on an idea's page: how important it is to voters, status, merge, pin and hide, and editing. */
export function StaffPanel({
  idea,
  staff,
  viewer,
  areas,
  actionData,
}: {
  idea: StaffIdea;
  staff: IdeaStaffView;
  viewer: Pick<IdeaViewer, "canModerate" | "canSetStatus" | "canMerge">;
  areas: { slug: string; name: string }[];
  actionData?: StaffAnswer;
}) {
  return (
    <section
      aria-labelledby="staff-heading"
      className="mt-10 rounded-lg border-2 border-dashed border-amber-300 p-5 dark:border-amber-700"
      data-testid="staff-panel"
    >
      <h2 id="staff-heading" className="text-lg font-semibold">
        Staff
      </h2>
      <div className="mt-3 grid gap-6 md:grid-cols-2">
        <VoterImportance staff={staff} />
        <div className="space-y-5">
          {viewer.canSetStatus && !idea.mergedInto ? (
            <StatusChangeForm status={idea.status} answer={actionData} />
          ) : null}
          {viewer.canMerge ? (
            idea.mergedInto ? (
              <IntentButton intent="unmerge">Undo the merge (votes, followers and comments go back)</IntentButton>
            ) : (
              <MergeForm answer={actionData} />
            )
          ) : null}
          {viewer.canModerate ? (
            <div className="flex flex-wrap gap-2">
              <IntentButton intent={idea.pinned ? "unpin" : "pin"}>{idea.pinned ? "Unpin" : "Pin"}</IntentButton>
              <IntentButton intent={idea.hidden ? "unhide" : "hide"}>
                {idea.hidden ? "Show again" : "Hide"}
              </IntentButton>
            </div>
          ) : null}
        </div>
      </div>
      {viewer.canModerate ? <EditIdeaForm idea={idea} areas={areas} answer={actionData} /> : null}
    </section>
  );
}

function VoterImportance({ staff }: { staff: IdeaStaffView }) {
  return (
    <div>
      <h3 className="font-medium">How important to voters</h3>
      <ul className="mt-1 text-sm">
        {IMPORTANCE_LEVELS.map((level) => (
          <li key={level}>
            {IMPORTANCE_LABELS[level]}: <strong>{staff.importance[level]}</strong>
          </li>
        ))}
        <li>Did not say: {staff.importance.unsaid}</li>
      </ul>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium">Voters ({staff.voters.length})</summary>
        <ul className="mt-2 max-h-64 overflow-auto text-sm">
          {staff.voters.map((voter) => (
            <li key={voter.email}>
              {voter.name} · {voter.account ? `${voter.account} (${voter.plan})` : "no account"}
              {voter.importance ? ` · ${voter.importance}` : ""}
              {voter.viaMerge ? " · via merge" : ""}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** The statuses this one may move to; a shipped idea keeps its status. */
function StatusChangeForm({ status, answer }: { status: IdeaStatus; answer?: StaffAnswer }) {
  const next = allowedTransitions(status);
  return (
    <Form method="post" className="space-y-2">
      <input type="hidden" name="intent" value="status" />
      <label htmlFor="status" className="block text-sm font-medium">
        Change status
      </label>
      {next.length ? (
        <>
          <select id="status" name="status" className={IDEA_INPUT_CLASS} defaultValue={next[0]}>
            {next.map((option) => (
              <option key={option} value={option}>
                {STATUS_LABELS[option]}
              </option>
            ))}
          </select>
          <label htmlFor="status-comment" className="block text-sm">
            Public comment (the release note when shipping; required when declining)
          </label>
          <textarea id="status-comment" name="comment" rows={3} maxLength={5000} className={IDEA_INPUT_CLASS} />
          <ErrorFor intent="status" answer={answer} />
          <button type="submit" className={IDEA_BUTTON_CLASS}>
            Change status and tell followers
          </button>
        </>
      ) : (
        <p className="text-sm">Shipped ideas keep their status.</p>
      )}
    </Form>
  );
}

function MergeForm({ answer }: { answer?: StaffAnswer }) {
  return (
    <Form method="post" className="space-y-2">
      <input type="hidden" name="intent" value="merge" />
      <label htmlFor="merge-target" className="block text-sm font-medium">
        Merge into idea # (votes, followers and comments move)
      </label>
      <input
        id="merge-target"
        name="target"
        inputMode="numeric"
        placeholder="e.g. 12"
        className={IDEA_INPUT_CLASS}
        required
      />
      <ErrorFor intent="merge" answer={answer} />
      <button type="submit" className={IDEA_BUTTON_CLASS}>
        Merge
      </button>
    </Form>
  );
}

function EditIdeaForm({
  idea,
  areas,
  answer,
}: {
  idea: StaffIdea;
  areas: { slug: string; name: string }[];
  answer?: StaffAnswer;
}) {
  return (
    <details className="mt-5">
      <summary className="cursor-pointer text-sm font-medium">Edit the idea</summary>
      <Form method="post" className="mt-3 space-y-2">
        <input type="hidden" name="intent" value="edit" />
        <label htmlFor="edit-title" className="block text-sm">
          Title
        </label>
        <input
          id="edit-title"
          name="title"
          defaultValue={idea.title}
          minLength={TITLE_MIN_LENGTH}
          maxLength={TITLE_MAX_LENGTH}
          required
          className={IDEA_INPUT_CLASS}
        />
        <label htmlFor="edit-area" className="block text-sm">
          Product area
        </label>
        <select id="edit-area" name="area" defaultValue={idea.area.slug} className={IDEA_INPUT_CLASS}>
          {areas.map((area) => (
            <option key={area.slug} value={area.slug}>
              {area.name}
            </option>
          ))}
        </select>
        <label htmlFor="edit-description" className="block text-sm">
          Description (Markdown)
        </label>
        <textarea
          id="edit-description"
          name="description"
          defaultValue={idea.descriptionMarkdown}
          rows={8}
          maxLength={DESCRIPTION_MAX_LENGTH}
          required
          className={IDEA_INPUT_CLASS}
        />
        <ErrorFor intent="edit" answer={answer} />
        <button type="submit" className={IDEA_BUTTON_CLASS}>
          Save changes
        </button>
      </Form>
    </details>
  );
}
