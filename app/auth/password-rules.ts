/** Password length rules shared by forms (client) and the policy check (server). ASVS 2.1.1 and 2.1.2. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
