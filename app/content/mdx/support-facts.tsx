import type { ReactNode } from "react";
import {
  AFTER_HOURS,
  CHANNELS,
  EMAIL_ADDRESSES,
  EMAIL_TOPIC_LABELS,
  ESCALATION_LEVELS,
  ESCALATION_ON_REQUEST,
  LIVE_TRAINING_PLANS,
  PLAN_NAMES,
  PLANS,
  PRIORITIES,
  PRIVACY_AND_SECURITY,
  REQUEST_ESSENTIALS,
  REQUEST_HELPFUL_ADDITIONS,
  RESOLUTION_COMMITMENTS,
  RETENTION,
  SLA_CREDITS_AVAILABLE,
  SLA_UPTIME,
  SOLVED_TICKET_CLOSES_AFTER_DAYS,
  formatAvailability,
  formatMinutes,
  formatRetention,
  formatUptime,
  offeredOnThisSite,
  priority,
  targetCountingSentence,
  targetCountingShort,
  EMAIL_AND_PRIORITY_TARGETS,
  type EmailTopic,
  type Plan,
  type PriorityLevel,
} from "~/support/policy";

/** Components that show the support guide's facts inside MDX; every value comes from the policy module. */

function planList(plans: readonly Plan[]) {
  return plans.map((plan) => PLAN_NAMES[plan]).join(" and ");
}

type FactTableProps = {
  caption: string;
  head: readonly ReactNode[];
  rows: readonly (readonly ReactNode[])[];
  /** The plan each column shows, by column index, when the columns are plans. */
  columnPlans?: readonly (Plan | null)[];
  /** The plan each row shows, by row index, when the rows are plans. */
  rowPlans?: readonly Plan[];
  /** A sentence that belongs with the figures (how they are counted), shown under the table. */
  note?: ReactNode;
};

/**
 * A support-fact table in a focusable, labelled scroll region, so that on a phone the table scrolls
 * sideways on its own (and by keyboard) instead of the whole page.
 */
function FactTable({ caption, head, rows, columnPlans, rowPlans, note }: FactTableProps) {
  const table = (
    <div className="table-scroll my-6" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {head.map((cell, index) => (
              <th key={index} scope="col" data-plan={columnPlans?.[index] ?? undefined}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            <tr key={rowIndex} data-plan={rowPlans?.[rowIndex]}>
              {row.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row" data-plan={columnPlans?.[index] ?? undefined}>
                    {cell}
                  </th>
                ) : (
                  <td key={index} data-plan={columnPlans?.[index] ?? undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return note ? (
    <>
      {table}
      {note}
    </>
  ) : (
    table
  );
}

/** Plan names; cells carry data-plan so a signed-in customer's own plan is marked (see article-content.css). */
const planHeadings = PLANS.map((plan) => PLAN_NAMES[plan]);
/** Column plans for a table whose first column is a label and the rest are the plans in order. */
const planColumns: readonly (Plan | null)[] = [null, ...PLANS];

export function ResponseTimeTable() {
  return (
    <FactTable
      caption="First response target by ticket priority and plan"
      head={["Priority", ...planHeadings]}
      columnPlans={planColumns}
      rows={PRIORITIES.map((p) => [`Priority ${p.level} – ${p.name}`, ...PLANS.map((plan) => formatMinutes(p.responseTarget[plan]))])}
      note={<p className="text-sm">{targetCountingSentence()}</p>}
    />
  );
}

/** How every target is counted (TICKET_CLOCK in the policy module), as one sentence. */
export function TargetCounting() {
  return <>{targetCountingSentence()}</>;
}

export function PriorityGuide() {
  return (
    <>
    <div className="not-prose my-6 grid gap-4 sm:grid-cols-2">
      {PRIORITIES.map((p) => (
        <section key={p.level} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700" aria-labelledby={`priority-${p.level}-title`}>
          <h3 id={`priority-${p.level}-title`} className="font-semibold">
            Priority {p.level} – {p.name} <span className="font-normal text-slate-600 dark:text-slate-300">({p.impact})</span>
          </h3>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {p.examples.map((example) => (
              <li key={example}>{example}</li>
            ))}
          </ul>
          <dl className="mt-3 grid grid-cols-3 gap-1 text-xs">
            {PLANS.map((plan) => (
              <div key={plan} data-plan={plan}>
                <dt className="text-slate-600 dark:text-slate-300">{PLAN_NAMES[plan]}</dt>
                <dd className="font-semibold">{formatMinutes(p.responseTarget[plan])}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
    <p className="text-sm">{targetCountingSentence()}</p>
    </>
  );
}

export function PriorityExamples({ level }: { level: PriorityLevel }) {
  return (
    <ul>
      {priority(level).examples.map((example) => (
        <li key={example}>{example}</li>
      ))}
    </ul>
  );
}

export function ResponseTarget({ level, plan }: { level: PriorityLevel; plan: Plan }) {
  return (
    <>
      <strong>{formatMinutes(priority(level).responseTarget[plan])}</strong> ({targetCountingShort(plan, level)})
    </>
  );
}

export function EmailResponseTimes() {
  return (
    <FactTable
      caption="Email response time by plan"
      head={["Plan", "Email response time"]}
      rowPlans={PLANS}
      rows={PLANS.map((plan) => [PLAN_NAMES[plan], formatMinutes(CHANNELS.email.responseTime[plan])])}
      note={<p className="text-sm">{EMAIL_AND_PRIORITY_TARGETS}</p>}
    />
  );
}

export function EmailResponse({ plan }: { plan: Plan }) {
  return <strong>{formatMinutes(CHANNELS.email.responseTime[plan])}</strong>;
}

export function Email({ topic = "general" }: { topic?: EmailTopic }) {
  const address = EMAIL_ADDRESSES[topic] ?? EMAIL_ADDRESSES.general;
  return <a href={`mailto:${address}`}>{address}</a>;
}

export function EmailAddresses() {
  const topics = Object.keys(EMAIL_ADDRESSES) as EmailTopic[];
  return <FactTable caption="Email addresses by topic" head={["Topic", "Address"]} rows={topics.map((topic) => [EMAIL_TOPIC_LABELS[topic], <Email key={topic} topic={topic} />])} />;
}

export function PhoneNumber() {
  return (
    <a href={`tel:+${CHANNELS.phone.number.replace(/\D/g, "")}`}>
      {CHANNELS.phone.mnemonic} ({CHANNELS.phone.number})
    </a>
  );
}

/** Email has response times but no hours in the guide, so only phone and chat have hours. */
type ChannelWithHours = "phone" | "chat";

export function ChannelAvailability({ channel, plan }: { channel: ChannelWithHours; plan: Plan }) {
  return <strong>{formatAvailability(CHANNELS[channel].availability[plan])}</strong>;
}

export function ChannelHours() {
  const channels: ChannelWithHours[] = ["phone", "chat"];
  return (
    <FactTable
      caption="Phone and live chat hours by plan"
      head={["Channel", ...planHeadings]}
      columnPlans={planColumns}
      rows={channels.map((channel) => [CHANNELS[channel].name, ...PLANS.map((plan) => formatAvailability(CHANNELS[channel].availability[plan]))])}
    />
  );
}

export function PhoneWait() {
  return <strong>under {formatMinutes(CHANNELS.phone.averageWaitUnder)}</strong>;
}

export function ChatResponse() {
  return <strong>under {formatMinutes(CHANNELS.chat.averageResponseUnder)}</strong>;
}

export function PortalFeatures() {
  return (
    <ul>
      {offeredOnThisSite(CHANNELS.portal.features).map((feature) => (
        <li key={feature}>{feature}</li>
      ))}
    </ul>
  );
}

export function EscalationLevels() {
  return (
    <ol className="not-prose my-6 space-y-3">
      {ESCALATION_LEVELS.map((level) => (
        <li key={level.level} className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
          <p className="font-semibold">
            Level {level.level}: {level.title}
          </p>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {level.handles.map((duty) => (
              <li key={duty}>{duty}</li>
            ))}
          </ul>
          {level.priority1EscalationAfter ? (
            <p className="mt-2 text-sm">
              Priority 1 tickets reach this level after <strong>{formatMinutes(level.priority1EscalationAfter)}</strong>.
            </p>
          ) : null}
        </li>
      ))}
      <li className="text-sm">{planList(ESCALATION_ON_REQUEST)} customers can request escalation at any time.</li>
    </ol>
  );
}

export function EscalationTimer({ level }: { level: 2 | 3 }) {
  const after = ESCALATION_LEVELS.find((entry) => entry.level === level)?.priority1EscalationAfter;
  return <strong>{after ? formatMinutes(after) : "—"}</strong>;
}

export function RequestChecklist() {
  return (
    <ol>
      {REQUEST_ESSENTIALS.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ol>
  );
}

export function HelpfulAdditions() {
  return (
    <ul>
      {REQUEST_HELPFUL_ADDITIONS.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

/** How Enterprise customers reach the emergency hotline (a product decision kept in the policy module). */
export function EmergencyHotline() {
  return (
    <>
      {planList(AFTER_HOURS.emergencyHotlinePlans)} customers reach the emergency hotline by calling the main line, <PhoneNumber />, which is
      staffed <strong>{formatAvailability(CHANNELS.phone.availability.enterprise)}</strong> for them. There is no separate hotline number.
    </>
  );
}

export function LiveTrainingPlans() {
  return <>{planList(LIVE_TRAINING_PLANS)}</>;
}

export function UptimeTable() {
  return (
    <>
      <FactTable
        caption="Guaranteed uptime by plan"
        head={["Plan", "Uptime"]}
        rowPlans={PLANS}
        rows={PLANS.map((plan) => [PLAN_NAMES[plan], formatUptime(SLA_UPTIME[plan])])}
      />
      {SLA_CREDITS_AVAILABLE ? <p>Service credits are available when we breach the SLA.</p> : null}
    </>
  );
}

export function Uptime({ plan }: { plan: Plan }) {
  return <strong>{formatUptime(SLA_UPTIME[plan])}</strong>;
}

export function RetentionTable() {
  return <FactTable caption="How long we keep support data" head={["Record", "Kept for"]} rows={RETENTION.map((rule) => [rule.record, formatRetention(rule)])} />;
}

export function Retention({ record }: { record: string }) {
  const rule = RETENTION.find((entry) => entry.record === record);
  return <strong>{rule ? formatRetention(rule) : "—"}</strong>;
}

export function PrivacyCommitments() {
  return (
    <ul>
      {PRIVACY_AND_SECURITY.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export function AfterHoursSupport() {
  return (
    <ul>
      <li>
        Emergency hotline for {planList(AFTER_HOURS.emergencyHotlinePlans)} customers, through the main line <PhoneNumber />
      </li>
      <li>On-call engineers for Priority {AFTER_HOURS.onCallEngineersForPriority} tickets</li>
      {AFTER_HOURS.weekendSupport ? <li>Weekend support available</li> : null}
      {AFTER_HOURS.holidayCoverage ? <li>Holiday coverage provided</li> : null}
    </ul>
  );
}

export function UpdateInterval() {
  return <strong>{formatMinutes(RESOLUTION_COMMITMENTS.priority1UpdateEvery)}</strong>;
}

export function ResolutionCommitments() {
  return (
    <ul>
      {RESOLUTION_COMMITMENTS.firstResponseWithinSla ? <li>First response within your plan&apos;s response target</li> : null}
      <li>
        Regular updates every {formatMinutes(RESOLUTION_COMMITMENTS.priority1UpdateEvery)} on Priority 1 tickets
      </li>
      {RESOLUTION_COMMITMENTS.rootCauseAnalysisForMajorIncidents ? <li>Root cause analysis for major incidents</li> : null}
      {RESOLUTION_COMMITMENTS.postIncidentReviewMeetings ? <li>Post-incident review meetings</li> : null}
      {RESOLUTION_COMMITMENTS.satisfactionSurveyAfterClosure ? <li>A satisfaction survey after your ticket closes</li> : null}
    </ul>
  );
}

/** How long a solved ticket waits for the customer's reply before it closes (a product rule in the policy module). */
export function SolvedClosesAfter() {
  return <strong>{SOLVED_TICKET_CLOSES_AFTER_DAYS} days</strong>;
}
