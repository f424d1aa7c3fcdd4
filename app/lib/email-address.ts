/**
 * Masks an address for pages reached by a link in an email (unsubscribe, status updates): a
 * forwarded email's link then shows whose address it is only in part, "j••••••@example.com".
 */
export function maskEmail(email: string) {
  const [local, domain] = email.split("@");
  return `${local.slice(0, 1)}${"•".repeat(Math.max(1, Math.min(6, local.length - 1)))}@${domain}`;
}
