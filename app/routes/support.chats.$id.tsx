import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { chatRouteParam } from "~/chat/schemas";
import { chatDesk } from "~/chat/desk.server";
import { ChatTranscript } from "~/components/chat/chat-transcript";
import { LocalTime } from "~/components/local-time";
import { PRIVATE } from "~/tickets/route-helpers.server";
import { withSeo } from "~/seo/meta";

/** /support/chats/<id>: one chat's transcript, for the customer who had it (and agents); 404 for anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return data(await chatDesk.transcriptPage(user, chatRouteParam(params.id)), { headers: PRIVATE });
}

export const meta: MetaFunction = withSeo(() => [{ title: "Chat transcript · TechFlow Help Center" }]);

export default function ChatTranscriptPage() {
  const { state, events } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <p>
        <Link to="/support/chats" className="text-sky-700 underline dark:text-sky-400">
          Your chats
        </Link>
      </p>
      <h1 className="text-3xl font-bold tracking-tight">
        Chat on <LocalTime iso={state.createdAt} />
      </h1>
      {state.ticketNumber ? (
        <p>
          This chat continues as ticket{" "}
          <Link to={`/support/tickets/${state.ticketNumber}`} className="text-sky-700 underline dark:text-sky-400">
            {state.ticketNumber}
          </Link>
          .
        </p>
      ) : null}
      <ChatTranscript events={events} state={state} viewer="customer" label="Transcript" />
    </div>
  );
}
