import { contactLines, telHref, type ClinicContact } from "@/lib/clinic-contact";
import type { OutgoingMail } from "./types";

export type { ClinicContact } from "@/lib/clinic-contact";

// Mail bodies built once from a few kinds of block, then written twice: plain
// text and simple HTML in which every piece of text is escaped.
export type MailBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "facts"; rows: Array<[label: string, value: string]> }
  | { kind: "steps"; items: string[] }
  | { kind: "link"; label: string; href: string };

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

export function renderText(blocks: MailBlock[]): string {
  const parts = blocks.map((block) => {
    switch (block.kind) {
      case "paragraph":
        return block.text;
      case "facts":
        return block.rows.map(([label, value]) => `${label}: ${value}`).join("\n");
      case "steps":
        return block.items.map((item, index) => `${index + 1}. ${item}`).join("\n");
      case "link":
        return `${block.label}:\n${block.href}`;
    }
  });
  return `${parts.join("\n\n")}\n`;
}

export function renderHtml(title: string, blocks: MailBlock[]): string {
  const body = blocks
    .map((block) => {
      switch (block.kind) {
        case "paragraph":
          return `<p>${escapeHtml(block.text)}</p>`;
        case "facts":
          return `<table role="presentation" cellpadding="4">${block.rows
            .map(([label, value]) => `<tr><th align="left" valign="top">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
            .join("")}</table>`;
        case "steps":
          return `<ol>${block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ol>`;
        case "link":
          return `<p><a href="${escapeHtml(block.href)}">${escapeHtml(block.label)}</a></p>`;
      }
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2a24; max-width: 36rem;">
${body}
</body>
</html>
`;
}

// The clinic's details close every mail. They are added where a mail enters
// the outbox (lib/mail/outbox.ts), not by each template: a new template cannot
// forget them, and they are the clinic's settings at the moment of the change.
export function withClinicFooter(mail: OutgoingMail, clinic: ClinicContact): OutgoingMail {
  const lines = contactLines(clinic);
  const text = `${mail.text.trimEnd()}\n\n-- \n${lines.join("\n")}\n`;
  if (mail.html === undefined) return { ...mail, text };
  const phone = clinic.phone.trim();
  const email = clinic.email.trim();
  const htmlLines = [
    escapeHtml(clinic.clinicName.trim()),
    escapeHtml(clinic.address.trim()),
    phone ? `Phone: <a href="${escapeHtml(telHref(phone))}">${escapeHtml(phone)}</a>` : "",
    email ? `Email: <a href="mailto:${escapeHtml(email)}">${escapeHtml(email)}</a>` : "",
  ].filter(Boolean);
  const footer = `<hr><p style="font-size: 0.9em; color: #4a5a50;">${htmlLines.join("<br>")}</p>\n`;
  const at = mail.html.lastIndexOf("</body>");
  const html = at === -1 ? `${mail.html}${footer}` : `${mail.html.slice(0, at)}${footer}${mail.html.slice(at)}`;
  return { ...mail, text, html };
}
