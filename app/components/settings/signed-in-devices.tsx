import { Form } from "@remix-run/react";
import { ViewerTime } from "~/components/viewer-time";

export type SessionView = {
  id: string;
  device: string;
  location: string;
  lastSeenAt: string;
  createdAt: string;
  current: boolean;
};

/** "Where you're signed in": each session with a button to end it, and one to sign out everywhere. */
export function SignedInDevices({ sessions }: { sessions: SessionView[] }) {
  return (
    <section aria-labelledby="sessions-heading" className="space-y-3">
      <h2 id="sessions-heading" className="text-xl font-semibold">
        Where you’re signed in
      </h2>
      <ul
        className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700"
        data-testid="sessions"
      >
        {sessions.map((entry) => (
          <SessionRow key={entry.id} entry={entry} />
        ))}
      </ul>
      <Form method="post">
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <button
          type="submit"
          className="rounded-md border border-red-300 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50 dark:border-red-800 dark:text-red-300 dark:hover:bg-red-950"
        >
          Sign out everywhere
        </button>
      </Form>
    </section>
  );
}

function SessionRow({ entry }: { entry: SessionView }) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 p-4" data-current={entry.current || undefined}>
      <div>
        <p className="font-medium">
          {entry.device} <span className="font-normal text-slate-600 dark:text-slate-300">· {entry.location}</span>{" "}
          {entry.current ? (
            <span className="ml-1 rounded bg-emerald-100 px-1.5 text-xs text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">
              This device
            </span>
          ) : null}
        </p>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Last seen <ViewerTime iso={entry.lastSeenAt} /> · signed in <ViewerTime iso={entry.createdAt} />
        </p>
      </div>
      <Form method="post">
        <input type="hidden" name="intent" value="revoke" />
        <input type="hidden" name="sessionId" value={entry.id} />
        <button
          type="submit"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          {entry.current ? "Sign out" : "Revoke"}
          <span className="sr-only"> {entry.device}</span>
        </button>
      </Form>
    </li>
  );
}
