// email-reply-parser 2.1 ships no types (2.3, which does, needs Node 22); only what app/email uses.
declare module "email-reply-parser" {
  export default class EmailReplyParser {
    /** The text without quoted history and signatures. */
    parseReply(text: string): string;
  }
}
