import { CRLF, escapeIcsText, foldIcsLine, utcStamp } from "../lib/ics";
import { EMAIL_ADDRESSES } from "../support/policy";

/**
 * A confirmed live training session as an iCalendar invitation (RFC 5545, METHOD:REQUEST per RFC
 * 5546). UTC start and end, so each invitee's calendar shows it in their own zone; one UID per
 * request, so a re-sent invitation replaces the earlier one.
 */
export function liveTrainingIcs(session: {
  requestId: string;
  topic: string;
  startsAt: Date;
  minutes: number;
  joinUrl: string;
  attendee: { email: string; name: string };
  pageUrl: string;
  now: Date;
}): string {
  const endsAt = new Date(session.startsAt.getTime() + session.minutes * 60_000);
  const summary = `TechFlow live training: ${session.topic.split("\n")[0].slice(0, 80)}`;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//TechFlow Solutions//Help Center//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:REQUEST",
    "BEGIN:VEVENT",
    `UID:live-training-${session.requestId}@help.techflowsolutions.com`,
    "SEQUENCE:0",
    `DTSTAMP:${utcStamp(session.now)}`,
    `DTSTART:${utcStamp(session.startsAt)}`,
    `DTEND:${utcStamp(endsAt)}`,
    `SUMMARY:${escapeIcsText(summary)}`,
    `DESCRIPTION:${escapeIcsText(`A live training session with a TechFlow trainer.\nTopic: ${session.topic}\nJoin: ${session.joinUrl}\nDetails: ${session.pageUrl}`)}`,
    `LOCATION:${escapeIcsText(session.joinUrl)}`,
    `URL:${session.pageUrl}`,
    `ORGANIZER;CN=TechFlow Support:mailto:${EMAIL_ADDRESSES.general}`,
    `ATTENDEE;CN="${session.attendee.name.replace(/["\p{Cc}]/gu, "")}";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${session.attendee.email}`,
    "STATUS:CONFIRMED",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
