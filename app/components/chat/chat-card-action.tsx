import { useEffect, useState } from "react";
import { formatOpening, nextChatOpening } from "~/chat/hours";
import { SUPPORT_TIME_ZONE, type Plan } from "~/support/policy";
import { openChat } from "./chat-launcher";

/**
 * The /support chat card's action: a customer opens the chat panel (out of hours it says when chat
 * opens, in their zone, and offers a ticket); anyone else is told to sign in with a customer account.
 */
export function ChatCardAction({ plan, isCustomer }: { plan: Plan; isCustomer: boolean }) {
  const [zone, setZone] = useState(SUPPORT_TIME_ZONE);
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    setNow(new Date());
  }, []);
  const opening = now ? nextChatOpening(plan, now) : null;
  if (!isCustomer)
    return (
      <p className="mt-2 text-sm">
        <a className="text-sky-700 underline dark:text-sky-400" href="/login?redirectTo=/support">
          Sign in
        </a>{" "}
        with your customer account to chat, or use the ticket form or email below.
      </p>
    );
  return (
    <div className="mt-2 space-y-1 text-sm">
      {opening && now ? <p>Chat opens {formatOpening(opening, zone, now)} (your time).</p> : null}
      <button
        type="button"
        onClick={openChat}
        className="rounded-md bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800"
      >
        {opening ? "Leave a message for a ticket" : "Open the chat"}
      </button>
    </div>
  );
}
