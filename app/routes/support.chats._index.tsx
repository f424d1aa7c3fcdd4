import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { chatDesk } from "~/chat/desk.server";
import { LocalTime } from "~/components/local-time";
import { formatRetention, RETENTION } from "~/support/policy";
import { PRIVATE } from "~/tickets/route-helpers.server";
import { withSeo } from "~/seo/meta";

/** /support/chats: the signed-in customer's own live chats (only theirs: chat:read is per person). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return data({ chats: await chatDesk.ownChats(user) }, { headers: PRIVATE });
}

export const meta: MetaFunction = withSeo(() => [{ title: "Your chats · TechFlow Help Center" }]);

const STATUS_WORDS = { waiting: "Waiting for an agent", active: "In progress", ended: "Ended" } as const;
const transcriptRule = RETENTION.find((rule) => rule.record === "Chat transcripts");

export default function Chats() {
  const { chats } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Your chats</h1>
      <p className="text-slate-700 dark:text-slate-300">
        Transcripts of your live chats with support
        {transcriptRule ? `, kept for ${formatRetention(transcriptRule)} after each chat ends` : ""}.{" "}
        <Link to="/support/tickets" className="text-sky-700 underline dark:text-sky-400">
          Your tickets
        </Link>
      </p>
      {chats.length === 0 ? (
        <p>No chats yet. Choose “Chat with us” at the bottom of any page to start one.</p>
      ) : (
        <ul className="divide-y divide-slate-200 dark:divide-slate-700">
          {chats.map((chat) => (
            <li key={chat.id} className="flex flex-wrap items-baseline justify-between gap-2 py-3">
              <Link to={`/support/chats/${chat.id}`} className="font-medium text-sky-700 underline dark:text-sky-400">
                Chat on <LocalTime iso={chat.createdAt} />
              </Link>
              <span className="text-sm text-slate-600 dark:text-slate-300">
                {STATUS_WORDS[chat.status]}
                {chat.agentName ? ` · with ${chat.agentName}` : ""}
                {chat.rating ? ` · rated ${chat.rating}/5` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
