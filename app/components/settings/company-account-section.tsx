import { Link } from "@remix-run/react";
import { PlanSummary } from "~/components/plan-summary";
import type { Plan } from "~/support/policy";

export type CompanyAccountView = {
  name: string;
  accountNumber: string;
  plan: Plan;
  planName: string;
  isOwner: boolean;
  pendingRequests: number;
};

/** The customer account the signed-in person belongs to: its ID and plan, the team, and the company's tickets. */
export function CompanyAccountSection({ account }: { account: CompanyAccountView | null }) {
  return (
    <section aria-labelledby="account-heading" className="rounded-lg border border-slate-200 p-5 dark:border-slate-700">
      <h2 id="account-heading" className="text-xl font-semibold">
        Your company account
      </h2>
      {account ? (
        <>
          <p className="mt-2">
            {account.name} · Account ID <strong data-testid="account-id">{account.accountNumber}</strong> ·{" "}
            <strong>{account.planName}</strong> plan
          </p>
          <p className="mt-2">
            <Link to="/settings/team" className="text-sky-700 underline dark:text-sky-400">
              {account.isOwner ? "Your team: invite colleagues and answer requests to join" : "Your team"}
            </Link>
            {account.pendingRequests > 0 ? (
              <strong data-testid="pending-join-requests">
                {" "}
                · {account.pendingRequests} waiting for your approval
              </strong>
            ) : null}
          </p>
          <p className="mt-2">
            <Link to="/support/tickets" className="text-sky-700 underline dark:text-sky-400">
              Your company’s support tickets
            </Link>
          </p>
          {account.plan ? (
            <div className="mt-4">
              <PlanSummary plan={account.plan} />
            </div>
          ) : null}
        </>
      ) : (
        <p className="mt-2 text-slate-600 dark:text-slate-300">
          You are not part of a customer account. Ask your company’s account owner to invite you.
        </p>
      )}
    </section>
  );
}
