import {
  CHANNELS,
  EMAIL_ADDRESSES,
  LIVE_CHAT_ON_THIS_SITE,
  PLAN_NAMES,
  PLANS,
  formatAvailability,
  formatMinutes,
  offeredOnThisSite,
  type Plan,
} from "~/support/policy";

/** The home page's summary of how to reach support, with the hours each plan gets. */
/** With `plan`, the customer's own plan is highlighted in every channel. */
export function SupportChannelsSummary({ plan: customerPlan = null }: { plan?: Plan | null }) {
  const cards = [
    {
      name: CHANNELS.email.name,
      value: (plan: Plan) => `Reply within ${formatMinutes(CHANNELS.email.responseTime[plan])}`,
      note: `${EMAIL_ADDRESSES.general}, any time`,
    },
    {
      name: CHANNELS.phone.name,
      value: (plan: Plan) => formatAvailability(CHANNELS.phone.availability[plan]),
      note: `${CHANNELS.phone.mnemonic} (${CHANNELS.phone.number}) · average wait under ${formatMinutes(CHANNELS.phone.averageWaitUnder)}`,
    },
    // Live chat is shown only once this site has it.
    ...(LIVE_CHAT_ON_THIS_SITE
      ? [
          {
            name: CHANNELS.chat.name,
            value: (plan: Plan) => formatAvailability(CHANNELS.chat.availability[plan]),
            note: `${CHANNELS.chat.where} · average response under ${formatMinutes(CHANNELS.chat.averageResponseUnder)}`,
          },
        ]
      : []),
  ];
  return (
    <div className={`grid gap-4 md:grid-cols-2 ${LIVE_CHAT_ON_THIS_SITE ? "lg:grid-cols-4" : "lg:grid-cols-3"}`}>
      {cards.map((card) => (
        <section
          key={card.name}
          className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
          aria-labelledby={`channel-${card.name}`}
        >
          <h3 id={`channel-${card.name}`} className="font-semibold">
            {card.name}
          </h3>
          <dl className="mt-2 space-y-1 text-sm">
            {PLANS.map((plan) => (
              <div
                key={plan}
                className={`flex justify-between gap-2 ${plan === customerPlan ? "-mx-1 rounded bg-sky-50 px-1 dark:bg-sky-950" : ""}`}
              >
                <dt className="text-slate-600 dark:text-slate-300">
                  {PLAN_NAMES[plan]}
                  {plan === customerPlan ? <span className="sr-only"> (your plan)</span> : null}
                </dt>
                <dd className="text-right font-medium">{card.value(plan)}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">{card.note}</p>
        </section>
      ))}
      <section
        className="rounded-lg border border-slate-200 p-4 dark:border-slate-700"
        aria-labelledby="channel-portal"
      >
        <h3 id="channel-portal" className="font-semibold">
          {CHANNELS.portal.name}
        </h3>
        <p className="text-sm">
          {/* The portal is this site; the guide's host name is not where it lives. */}
          <a className="text-sky-700 underline dark:text-sky-400" href="/support">
            Contact support and your tickets
          </a>
        </p>
        <ul className="mt-2 list-disc pl-5 text-sm">
          {offeredOnThisSite(CHANNELS.portal.features).map((feature) => (
            <li key={feature}>{feature}</li>
          ))}
        </ul>
      </section>
    </div>
  );
}
