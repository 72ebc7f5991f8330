// The shape of a mail, from the change that causes it to the transport that sends it.

/** A file sent with a mail. `content` is text (utf-8), e.g. an .ics calendar file. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

/** What a transport is handed: the mail plus the sender. */
export interface TransportMail extends OutgoingMail {
  from: string;
}

export interface MailTransport {
  /** For logs and the mailbox page: "SMTP smtp.example.org", "local mailbox". */
  name: string;
  /** Throws when the mail was not accepted; the worker retries later. */
  send(mail: TransportMail): Promise<void>;
  /** Recorded on every message this transport "delivers" (the local mailbox says nothing left the machine). */
  deliveryNote?: string;
}
