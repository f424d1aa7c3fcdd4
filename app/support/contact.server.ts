import { isOpenAt } from "./eastern-time";
import { CHANNELS, SUPPORT_TIME_ZONE, type Plan } from "./policy";

/** Whether each channel of the plan is open at this instant (Eastern Time), for the contact page. */
export function contactNow(plan: Plan, now = new Date()) {
  return {
    phone: isOpenAt(CHANNELS.phone.availability[plan], now),
    chat: isOpenAt(CHANNELS.chat.availability[plan], now),
    easternNow: new Intl.DateTimeFormat("en-US", {
      timeZone: SUPPORT_TIME_ZONE,
      weekday: "short",
      hour: "numeric",
      minute: "2-digit",
    }).format(now),
  };
}
