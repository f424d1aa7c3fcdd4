import { useState } from "react";
import { ProblemSuggestions } from "./problem-suggestions";
import { useProblemSuggestions, type SuggestionView } from "./use-problem-suggestions";

/**
 * "Describe your problem": as the customer types, the one search suggests answers (debounced), each
 * expandable in place, with "This solved my problem" and "Continue to a ticket". Without JavaScript
 * the form submits to /support and the next page shows the suggestions.
 */
export function DescribeProblem({
  initialSubject,
  initialDescription,
  initialSessionId,
  initialSuggestions,
  searched,
}: {
  initialSubject: string;
  initialDescription: string;
  initialSessionId: string | null;
  initialSuggestions: SuggestionView[];
  searched: boolean;
}) {
  const [subject, setSubject] = useState(initialSubject);
  const [description, setDescription] = useState(initialDescription);
  const found = useProblemSuggestions(subject, description, {
    subject: initialSubject,
    description: initialDescription,
    sessionId: initialSessionId,
    suggestions: initialSuggestions,
    searched,
  });
  return (
    <section aria-labelledby="describe-heading" className="space-y-4">
      <h2 id="describe-heading" className="text-xl font-semibold">
        Describe your problem
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        We look for an answer while you type. If none helps, continue to a ticket: what you wrote comes along.
      </p>
      <form method="get" action="/support" className="space-y-3" data-testid="describe-form">
        <div className="space-y-1">
          <label htmlFor="problem-subject" className="block text-sm font-medium">
            Subject
          </label>
          <input
            id="problem-subject"
            name="subject"
            value={subject}
            maxLength={200}
            onChange={(event) => setSubject(event.target.value)}
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-900"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="problem-description" className="block text-sm font-medium">
            What is happening?
          </label>
          <textarea
            id="problem-description"
            name="description"
            value={description}
            rows={4}
            maxLength={20_000}
            onChange={(event) => setDescription(event.target.value)}
            className="w-full rounded-md border border-slate-300 bg-white p-2 dark:border-slate-600 dark:bg-slate-900"
          />
        </div>
        <SessionField sessionId={found.sessionId} />
        <button
          type="submit"
          className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium dark:border-slate-600"
        >
          Find answers
        </button>
      </form>
      <ProblemSuggestions
        suggestions={found.suggestions}
        asked={found.asked}
        loading={found.loading}
        sessionId={found.sessionId}
        onOpen={found.opened}
      />
      <ContinueToTicket subject={subject} description={description} sessionId={found.sessionId} />
    </section>
  );
}

/** The deflection session travels with each form, so what happens next is recorded against it. */
function SessionField({ sessionId }: { sessionId: string | null }) {
  return sessionId ? <input type="hidden" name="session" value={sessionId} /> : null;
}

/** What the customer wrote comes along to the ticket form. */
function ContinueToTicket({
  subject,
  description,
  sessionId,
}: {
  subject: string;
  description: string;
  sessionId: string | null;
}) {
  return (
    <form method="get" action="/support/new">
      <input type="hidden" name="subject" value={subject} />
      <input type="hidden" name="description" value={description} />
      <SessionField sessionId={sessionId} />
      <button type="submit" className="rounded-md bg-sky-700 px-4 py-2 font-medium text-white">
        Continue to a ticket
      </button>
    </form>
  );
}
