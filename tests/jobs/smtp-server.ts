import net from "node:net";

/**
 * A minimal SMTP server for the send-mail tests: enough of RFC 5321 for nodemailer to deliver one
 * message per connection (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), no TLS, no auth.
 * `failNext(reply)` makes the next message's end-of-DATA answer with that reply (a 4xx is transient,
 * a 5xx permanent); `dropNext()` closes the connection instead of answering.
 */

export type ReceivedMessage = { from: string; to: string[]; data: string };
type Fault = { reply: string } | { drop: true };

export type TestSmtpServer = {
  url: string;
  received: ReceivedMessage[];
  failNext(reply: string, times?: number): void;
  dropNext(times?: number): void;
  close(): Promise<void>;
};

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMessage[] = [];
  const faults: Fault[] = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.setEncoding("utf8");
    const reply = (line: string) => socket.write(`${line}\r\n`);

    let buffered = "";
    let inData = false;
    let dataLines: string[] = [];
    let from = "";
    let to: string[] = [];

    function onLine(line: string) {
      if (inData) {
        if (line !== ".") {
          // Transparency (RFC 5321 4.5.2): a leading dot was doubled by the client.
          dataLines.push(line.startsWith("..") ? line.slice(1) : line);
          return;
        }
        inData = false;
        const fault = faults.shift();
        if (fault && "drop" in fault) {
          socket.destroy();
          return;
        }
        if (fault) {
          reply(fault.reply);
        } else {
          received.push({ from, to, data: dataLines.join("\r\n") });
          reply("250 2.0.0 Ok: queued");
        }
        from = "";
        to = [];
        dataLines = [];
        return;
      }
      const verb = line.slice(0, 4).toUpperCase();
      switch (verb) {
        case "EHLO":
        case "HELO":
          return reply("250 test-smtp.local");
        case "MAIL":
          from = /<([^>]*)>/.exec(line)?.[1] ?? "";
          return reply("250 2.1.0 Ok");
        case "RCPT":
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
          return reply("250 2.1.5 Ok");
        case "DATA":
          inData = true;
          return reply("354 End data with <CR><LF>.<CR><LF>");
        case "RSET":
          from = "";
          to = [];
          return reply("250 2.0.0 Ok");
        case "NOOP":
          return reply("250 2.0.0 Ok");
        case "QUIT":
          reply("221 2.0.0 Bye");
          return socket.end();
        default:
          return reply("502 5.5.2 Command not recognized");
      }
    }

    socket.on("data", (chunk: string) => {
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf("\r\n")) !== -1) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        onLine(line);
      }
    });
    reply("220 test-smtp.local ESMTP ready");
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    failNext(reply, times = 1) {
      for (let i = 0; i < times; i++) faults.push({ reply });
    },
    dropNext(times = 1) {
      for (let i = 0; i < times; i++) faults.push({ drop: true });
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
