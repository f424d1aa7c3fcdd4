/** The policy names the ticket modules use, plus a plan check for values read from the database. */
export {
  ESCALATION_LEVELS,
  ESCALATION_ON_REQUEST,
  PLAN_NAMES,
  PLANS,
  priority,
  type Plan,
  type PriorityLevel,
} from "../support/policy";
import { PLANS, type Plan } from "../support/policy";

export function isPlanValue(value: string): value is Plan {
  return (PLANS as readonly string[]).includes(value);
}
