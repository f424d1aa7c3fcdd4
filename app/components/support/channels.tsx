import {
  AFTER_HOURS,
  CHANNELS,
  EMAIL_ADDRESSES,
  EMAIL_TOPIC_LABELS,
  EMAIL_AND_PRIORITY_TARGETS,
  LIVE_CHAT_ON_THIS_SITE,
  PLAN_NAMES,
  PLANS,
  SUPPORT_TIME_ZONE_NAME,
  formatAvailability,
  formatMinutes,
  priority,
  targetCountingSentence,
  type Availability,
  type EmailTopic,
  type Plan,
} from "~/support/policy";
import { ChatCardAction } from "../chat/chat-card-action";

export type ChannelOpenNow = { phone: boolean; chat: boolean; easternNow: string };

function isIncluded(availability: Availability) {
  return availability.kind !== "unavailable";
}

function OpenBadge({ open, included }: { open: boolean; included: boolean }) {
  if (!included)
    return (
      <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200">
        Not in your plan
      </span>
    );
  return open ? (
    <span className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
      Open now
    </span>
  ) : (
    <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-950 dark:text-amber-200">
      Closed now
    </span>
  );
}

/** The channels and hours of one plan, with whether each is open right now (computed on the server in Eastern Time). */
export function ChannelsForPlan({
  plan,
  openNow,
  planIsTheirs,
}: {
  plan: Plan;
  openNow: ChannelOpenNow;
  planIsTheirs: boolean;
}) {
  const phone = CHANNELS.phone.availability[plan];
  const chat = CHANNELS.chat.availability[plan];
  return (
    <section aria-labelledby="channels-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="channels-heading" className="text-xl font-semibold">
          How to reach us on the {PLAN_NAMES[plan]} plan
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Now: {openNow.easternNow} {SUPPORT_TIME_ZONE_NAME}
        </p>
      </div>
      {planIsTheirs ? null : (
        <nav aria-label="Choose a plan" className="flex flex-wrap gap-2 text-sm">
          {PLANS.map((entry) => (
            <a
              key={entry}
              href={`/support?plan=${entry}`}
              aria-current={entry === plan ? "page" : undefined}
              className={`rounded-full border px-3 py-1 ${entry === plan ? "border-sky-700 bg-sky-700 text-white" : "border-slate-300 dark:border-slate-600"}`}
            >
              {PLAN_NAMES[entry]}
            </a>
          ))}
        </nav>
      )}
      <div className={`grid gap-4 ${LIVE_CHAT_ON_THIS_SITE ? "md:grid-cols-3" : "md:grid-cols-2"}`}>
        <section
          className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
          aria-labelledby="channel-phone"
        >
          <div className="flex items-center justify-between gap-2">
            <h3 id="channel-phone" className="font-semibold">
              {CHANNELS.phone.name}
            </h3>
            <OpenBadge open={openNow.phone} included={phone.kind !== "unavailable"} />
          </div>
          <p className="mt-2 text-sm">{formatAvailability(phone)}</p>
          {phone.kind !== "unavailable" ? (
            <p className="mt-1 text-sm">
              <a className="text-sky-700 underline dark:text-sky-400" href={`tel:${CHANNELS.phone.number}`}>
                {CHANNELS.phone.mnemonic} ({CHANNELS.phone.number})
              </a>
              <span className="block text-xs text-slate-600 dark:text-slate-300">
                Average wait under {formatMinutes(CHANNELS.phone.averageWaitUnder)}
              </span>
            </p>
          ) : null}
        </section>
        {/* Live chat is shown only once this site has it (LIVE_CHAT_ON_THIS_SITE). */}
        {LIVE_CHAT_ON_THIS_SITE ? (
          <section
            className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
            aria-labelledby="channel-chat"
          >
            <div className="flex items-center justify-between gap-2">
              <h3 id="channel-chat" className="font-semibold">
                {CHANNELS.chat.name}
              </h3>
              <OpenBadge open={openNow.chat} included={isIncluded(chat)} />
            </div>
            <p className="mt-2 text-sm">{formatAvailability(chat)}</p>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
              {CHANNELS.chat.where}; average response under {formatMinutes(CHANNELS.chat.averageResponseUnder)}
            </p>
            <ChatCardAction plan={plan} isCustomer={planIsTheirs} />
          </section>
        ) : null}
        <section
          className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
          aria-labelledby="channel-email"
        >
          <h3 id="channel-email" className="font-semibold">
            {CHANNELS.email.name}
          </h3>
          <p className="mt-2 text-sm">Reply within {formatMinutes(CHANNELS.email.responseTime[plan])}</p>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">{EMAIL_AND_PRIORITY_TARGETS}</p>
          <ul className="mt-1 space-y-0.5 text-sm">
            {(Object.keys(EMAIL_ADDRESSES) as EmailTopic[]).map((topic) => (
              // The address wraps as a whole onto its own line, or at the @ on the narrowest screens, never mid-word.
              <li key={topic} className="flex flex-wrap gap-x-1">
                <span>{EMAIL_TOPIC_LABELS[topic]}:</span>
                <a
                  className="min-w-0 text-sky-700 underline dark:text-sky-400"
                  href={`mailto:${EMAIL_ADDRESSES[topic]}`}
                >
                  <EmailAddress address={EMAIL_ADDRESSES[topic]} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <section
        aria-labelledby="after-hours-heading"
        className="rounded-lg bg-slate-50 p-4 text-sm dark:bg-slate-800/60"
      >
        <h3 id="after-hours-heading" className="font-semibold">
          After hours
        </h3>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          {AFTER_HOURS.emergencyHotlinePlans.includes(plan) ? (
            <li>
              Emergency hotline: call the main line, {CHANNELS.phone.mnemonic} ({CHANNELS.phone.number}); it is staffed
              around the clock for {PLAN_NAMES[plan]} customers.
            </li>
          ) : (
            <li>
              The emergency hotline is part of the{" "}
              {AFTER_HOURS.emergencyHotlinePlans.map((entry) => PLAN_NAMES[entry]).join(", ")} plan.
            </li>
          )}
          <li>
            On-call engineers for Priority {AFTER_HOURS.onCallEngineersForPriority} (
            {priority(AFTER_HOURS.onCallEngineersForPriority).name}) tickets.
          </li>
          <li>{targetCountingSentence()}</li>
          {AFTER_HOURS.weekendSupport ? <li>Weekend support is available.</li> : null}
          {AFTER_HOURS.holidayCoverage ? <li>Holidays are covered.</li> : null}
        </ul>
      </section>
    </section>
  );
}

/** An address with a break opportunity after the @, so a narrow column splits it there and not inside a word. */
function EmailAddress({ address }: { address: string }) {
  const at = address.indexOf("@");
  if (at < 0) return <>{address}</>;
  return (
    <>
      {address.slice(0, at + 1)}
      <wbr />
      {address.slice(at + 1)}
    </>
  );
}
