import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useCallback, useState, type RefObject } from "react";
import { ErrorSummary, SubmitButton, useServerErrorFocus } from "~/components/forms";
import { useResetAfterSend } from "~/components/use-reset-after-send";
import { BODY_MAX_LENGTH, replySchema } from "~/forum/schemas";
import { formEnvelope } from "~/lib/form-intent";
import { MarkdownComposer } from "./composer";

const isReplySubmission = (formData: FormData) => formEnvelope(formData).intent === "reply";

/**
 * A thread's reply box (its own chunk: the thread page loads it only for a viewer who may reply).
 * A refused reply comes back into the box; a posted one empties it.
 */
export default function ReplyForm({
  threadId,
  quote,
  replyResult,
  formAction,
  composer,
}: {
  threadId: number;
  quote: string | null;
  replyResult: SubmissionResult<string[]> | undefined;
  formAction: string;
  composer: RefObject<HTMLTextAreaElement>;
}) {
  const [form, fields] = useForm({
    // Not "reply": the section around this form carries that id, the anchor "Quote" links jump to.
    id: "reply-form",
    lastResult: replyResult,
    constraint: getZodConstraint(replySchema),
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: replySchema }),
  });
  useServerErrorFocus(form, replyResult);
  // A posted reply leaves the box (a new key remounts the composer and its preview) and focus goes to the new post, so nothing invites posting it twice.
  const [composerRound, setComposerRound] = useState(0);
  const clearComposer = useCallback(() => setComposerRound((round) => round + 1), []);
  const replyPending = useResetAfterSend({
    isOwn: isReplySubmission,
    failed: replyResult?.status === "error",
    reset: clearComposer,
  });
  return (
    <Form method="post" action={formAction} {...getFormProps(form)} className="mt-4 space-y-4">
      <ErrorSummary form={form} />
      <input type="hidden" name="intent" value="reply" />
      <MarkdownComposer
        id="field-body"
        name={fields.body.name}
        key={`${fields.body.key}-${composerRound}`}
        label="Reply"
        // Only a refused reply comes back to the box; after a posted one it starts empty (or with a quote asked for).
        defaultValue={
          (replyResult ? (fields.body.initialValue as string | undefined) : undefined) ?? quote ?? undefined
        }
        errors={fields.body.errors}
        maxLength={BODY_MAX_LENGTH}
        textareaRef={composer}
        mentionsInThread={threadId}
        rows={8}
        required
      />
      <SubmitButton pending={replyPending}>Post reply</SubmitButton>
    </Form>
  );
}
