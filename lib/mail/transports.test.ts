import net from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { describeSmtpUrl, localMailboxTransport, smtpTransport, transportFromConfig } from "./transports";

// A minimal SMTP server (no TLS, no auth) that keeps what it receives.
const received: Array<{ from: string; to: string[]; data: string }> = [];
let server: net.Server;
let port = 0;

beforeAll(async () => {
  server = net.createServer((socket) => {
    let buffer = "";
    let inData = false;
    let current = { from: "", to: [] as string[], data: "" };
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end === -1) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { from: "", to: [], data: "" };
          socket.write("250 OK queued\r\n");
          continue;
        }
        const newline = buffer.indexOf("\r\n");
        if (newline === -1) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-test\r\n250 8BITMIME\r\n");
        else if (verb === "MAIL") {
          current.from = line;
          socket.write("250 OK\r\n");
        }
        else if (verb === "RCPT") {
          current.to.push(line);
          socket.write("250 OK\r\n");
        }
        else if (verb === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        }
        else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test("smtpTransport hands the mail and its .ics to the SMTP server", async () => {
  const transport = smtpTransport(`smtp://127.0.0.1:${port}`, "Clinic <clinic@example.test>");
  await transport.send({
    from: "Clinic <clinic@example.test>",
    to: "maria@example.test",
    subject: "Appointment confirmed",
    text: "Your appointment is confirmed.",
    html: "<p>Your appointment is confirmed.</p>",
    attachments: [{ filename: "appointment.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n" }],
  });
  expect(received).toHaveLength(1);
  const [mail] = received;
  expect(mail?.from).toContain("clinic@example.test");
  expect(mail?.to.join()).toContain("maria@example.test");
  expect(mail?.data).toContain("Subject: Appointment confirmed");
  expect(mail?.data).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
  expect(mail?.data).toContain('filename=appointment.ics');
});

test("a refused connection rejects, so the worker retries", async () => {
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const deadPort = (closed.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const transport = smtpTransport(`smtp://user:secret@127.0.0.1:${deadPort}`, "clinic@example.test");
  await expect(transport.send({ from: "clinic@example.test", to: "a@example.test", subject: "s", text: "t" })).rejects.toThrow(/ECONNREFUSED/);
});

test("names never show the SMTP password", () => {
  expect(describeSmtpUrl("smtps://user:secret@mail.example.org:465")).toBe("smtps://mail.example.org:465");
  expect(smtpTransport("smtp://user:secret@mail.example.org:587", "clinic@example.test").name).toBe("SMTP smtp://mail.example.org:587");
});

test("the configuration picks SMTP when SMTP_URL is set, else the local mailbox", () => {
  expect(transportFromConfig({ MAIL_FROM: "clinic@example.test" }).name).toBe("local mailbox");
  expect(transportFromConfig({ SMTP_URL: "smtp://mail.example.org", MAIL_FROM: "clinic@example.test" }).name).toBe("SMTP smtp://mail.example.org");
  expect(localMailboxTransport().deliveryNote).toMatch(/nothing left this machine/);
});
