import { Form } from "@remix-run/react";
import type { ComponentProps, ReactNode, Ref } from "react";
import { FormMessage } from "~/components/forms";
import { Conversation, Timeline } from "./ticket-parts";

/**
 * The frame both ticket pages share (the customer's /support/tickets/<number> and the agent's
 * /admin/tickets/<number>): the heading, the answer to the last form, the conversation with the
 * page's own composer, and the timeline.
 */

/** A secondary action's button on the ticket pages. */
export const TICKET_BUTTON_CLASS =
  "rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium dark:border-slate-600";
/** A link in running text on the ticket pages. */
export const TICKET_LINK_CLASS = "text-sky-700 underline dark:text-sky-400";

/** Where the page was reached from (`links`), the ticket's number and subject, and what the page adds under them. */
export function TicketHeading({
  ticket,
  links,
  children,
}: {
  ticket: { number: string; subject: string };
  links: ReactNode;
  children?: ReactNode;
}) {
  return (
    <header className="space-y-1">
      <p className="text-sm">{links}</p>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
        <span className="font-mono text-lg text-slate-600 sm:text-xl dark:text-slate-300">{ticket.number}</span>{" "}
        {ticket.subject}
      </h1>
      {children}
    </header>
  );
}

/** What the last form did: saved, or why not. */
export function ActionNotice({ ok, error }: { ok?: string; error?: string }) {
  return (
    <>
      {ok ? <FormMessage tone="success">{ok}</FormMessage> : null}
      {error ? <FormMessage tone="error">{error}</FormMessage> : null}
    </>
  );
}

/** The conversation under its heading, with the page's composer (`children`) below it. */
export function ConversationSection({
  messages,
  children,
}: {
  messages: ComponentProps<typeof Conversation>["messages"];
  children?: ReactNode;
}) {
  return (
    <section aria-labelledby="conversation-heading" id="conversation" className="space-y-3">
      <h2 id="conversation-heading" className="text-lg font-semibold">
        Conversation
      </h2>
      <Conversation messages={messages} />
      {children}
    </section>
  );
}

/** The ticket's events under a heading of the page's choosing ("History" for customers, "Timeline" for agents). */
export function TimelineSection({
  title,
  events,
}: {
  title: string;
  events: ComponentProps<typeof Timeline>["events"];
}) {
  const headingId = `${title.toLowerCase()}-heading`;
  return (
    <section aria-labelledby={headingId} className="space-y-2">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      <Timeline events={events} />
    </section>
  );
}

/** One of a ticket page's forms: posted to the page's action, naming itself in a hidden `intent` field. */
export function IntentForm({
  intent,
  className,
  multipart = false,
  formRef,
  children,
}: {
  intent: string;
  className?: string;
  /** Forms that carry files. */
  multipart?: boolean;
  formRef?: Ref<HTMLFormElement>;
  children: ReactNode;
}) {
  return (
    <Form ref={formRef} method="post" encType={multipart ? "multipart/form-data" : undefined} className={className}>
      <input type="hidden" name="intent" value={intent} />
      {children}
    </Form>
  );
}
