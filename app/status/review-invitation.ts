import { CRLF, escapeIcsText, foldIcsLine, utcStamp } from "../lib/ics";
import { EMAIL_ADDRESSES } from "../support/policy";

/**
 * The post-incident review meeting as an iCalendar invitation (RFC 5545, METHOD:REQUEST per RFC 5546).
 * Start and end are UTC date-times, so each invitee's calendar shows the meeting in their own zone;
 * the UID stays the same per incident and SEQUENCE grows with each rescheduling, so a calendar replaces
 * the earlier invitation instead of adding a second meeting. Replies go to the support address.
 */
export function reviewInvitationIcs(meeting: {
  incidentId: string;
  incidentTitle: string;
  startsAt: Date;
  minutes: number;
  location: string;
  sequence: number;
  attendee: { email: string; name: string };
  /** Where the invitee reads the root cause analysis and sees the time in their zone. */
  url: string;
  now: Date;
}): string {
  const endsAt = new Date(meeting.startsAt.getTime() + meeting.minutes * 60_000);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//TechFlow Solutions//Help Center//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:REQUEST",
    "BEGIN:VEVENT",
    `UID:incident-review-${meeting.incidentId}@help.techflowsolutions.com`,
    `SEQUENCE:${meeting.sequence}`,
    `DTSTAMP:${utcStamp(meeting.now)}`,
    `DTSTART:${utcStamp(meeting.startsAt)}`,
    `DTEND:${utcStamp(endsAt)}`,
    `SUMMARY:${escapeIcsText(`Post-incident review: ${meeting.incidentTitle}`)}`,
    `DESCRIPTION:${escapeIcsText(
      `We walk through the root cause analysis of "${meeting.incidentTitle}" and what we are changing.\nRoot cause analysis and your ticket: ${meeting.url}`,
    )}`,
    ...(meeting.location ? [`LOCATION:${escapeIcsText(meeting.location)}`] : []),
    `URL:${meeting.url}`,
    `ORGANIZER;CN=TechFlow Support:mailto:${EMAIL_ADDRESSES.general}`,
    `ATTENDEE;CN=${quotedParam(meeting.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:${meeting.attendee.email}`,
    "STATUS:CONFIRMED",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}

/** A parameter value (RFC 5545 §3.2): quoted, without the quotes and control characters it cannot hold. */
function quotedParam(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return `"${value.replace(/["\u0000-\u001f\u007f]/g, "")}"`;
}
