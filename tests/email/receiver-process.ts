/**
 * The SMTP receiver in a process of its own, for the kill -9 test: `node --import tsx tests/email/receiver-process.ts <port>`
 * on the test's DATABASE_URL; prints "listening" once it takes connections.
 */
import { createSmtpReceiver } from "../../app/email/smtp-receiver.server";
import { inboundSettings } from "../../app/email/settings.server";
import { prisma } from "../../app/lib/db.server";
import { noDns } from "./helpers";

const port = Number(process.argv[2]);
const server = createSmtpReceiver({ db: prisma, settings: inboundSettings({}), resolver: noDns });
server.listen(port, "127.0.0.1", () => console.log("listening"));
