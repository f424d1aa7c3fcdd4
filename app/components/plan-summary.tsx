import {
  AFTER_HOURS,
  CHANNELS,
  ESCALATION_ON_REQUEST,
  LIVE_CHAT_ON_THIS_SITE,
  LIVE_TRAINING_PLANS,
  PLAN_NAMES,
  PRIORITIES,
  SLA_UPTIME,
  formatAvailability,
  formatMinutes,
  formatUptime,
  targetCountingShort,
  type Plan,
} from "~/support/policy";

/** What a customer's plan gives them, read from the support policy module. */
export function PlanSummary({ plan }: { plan: Plan }) {
  const yes = (included: boolean) => (included ? "Included" : "Not included");
  const rows: [string, string][] = [
    ["Email", `Reply within ${formatMinutes(CHANNELS.email.responseTime[plan])}`],
    ["Phone", formatAvailability(CHANNELS.phone.availability[plan])],
    ...(LIVE_CHAT_ON_THIS_SITE
      ? [["Live chat", formatAvailability(CHANNELS.chat.availability[plan])] as [string, string]]
      : []),
    ["Emergency hotline", yes(AFTER_HOURS.emergencyHotlinePlans.includes(plan))],
    ["Escalation on request", yes(ESCALATION_ON_REQUEST.includes(plan))],
    ["Live training sessions", yes(LIVE_TRAINING_PLANS.includes(plan))],
    ["Uptime (SLA)", formatUptime(SLA_UPTIME[plan])],
    ...PRIORITIES.map((p): [string, string] => [
      `Priority ${p.level} first response`,
      `${formatMinutes(p.responseTarget[plan])}, ${targetCountingShort(plan, p.level)}`,
    ]),
  ];
  return (
    <dl
      className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2"
      data-testid="plan-summary"
      aria-label={`${PLAN_NAMES[plan]} plan`}
    >
      {rows.map(([label, value]) => (
        <div key={label} className="flex justify-between gap-3 border-b border-slate-100 py-1 dark:border-slate-800">
          <dt className="text-slate-600 dark:text-slate-300">{label}</dt>
          <dd className="text-right font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
