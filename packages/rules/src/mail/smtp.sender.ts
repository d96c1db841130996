import nodemailer, { type Transporter } from 'nodemailer';

const transports = new Map<string, Transporter>();

/** One pooled nodemailer transport per SMTP URL (smtp://user:pass@host:port, smtps://…). */
export function smtpTransport(url: string): Transporter {
  let t = transports.get(url);
  if (!t) {
    t = nodemailer.createTransport(url);
    transports.set(url, t);
  }
  return t;
}

/** Closes every transport (tests, shutdown). */
export function closeSmtpTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}
