import { createTransport, type Transporter } from 'nodemailer';
import type { MailMessage } from './delivery-message';

/** Sends mails; throws when the server refused or could not be reached. */
export interface MailSender {
  send(to: string, message: MailMessage): Promise<void>;
  close(): void;
}

/** E-mail over SMTP (nodemailer), from SMTP_URL; one pooled transport per process. */
export class SmtpMailSender implements MailSender {
  onApplicationShutdown(): void {
    this.close();
  }

  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport({ url: smtpUrl, pool: true, maxConnections: 2, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  }

  async send(to: string, message: MailMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to, subject: message.subject, text: message.text });
  }

  close(): void {
    this.transport.close();
  }
}

export const MAIL_SENDER = Symbol('MAIL_SENDER');
