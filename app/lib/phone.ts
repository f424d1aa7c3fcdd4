/**
 * What a phone number may look like wherever someone types one (their profile, a ticket's contact
 * phone): digits with the usual separators, and enough digits to be dialled. Pure, for the browser too.
 */
const PHONE_CHARACTERS = /^[0-9+().\-\s]+$/;
export const PHONE_MAX_LENGTH = 40;
const MIN_DIGITS = 5;
const MAX_DIGITS = 20;

export const PHONE_NUMBER_MESSAGE = "Enter a phone number (digits, spaces, + ( ) - .).";

export function isPhoneNumber(text: string): boolean {
  if (text.length > PHONE_MAX_LENGTH || !PHONE_CHARACTERS.test(text)) return false;
  const digits = text.replace(/\D/g, "").length;
  return digits >= MIN_DIGITS && digits <= MAX_DIGITS;
}
