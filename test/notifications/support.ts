// Real receivers for the notification tests: an SMTP server (smtp-server) and a webhook server (node:http).
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { DataSource } from 'typeorm';
import { verifyWebhookSignature } from '../../src/notifications/webhook';

export interface ReceivedEmail {
  to: string[];
  messageId: string;
  idempotencyKey: string;
  subject: string;
  raw: string;
}

/** An SMTP server on a fixed loopback port that can be stopped and started again (an outage). */
export class TestSmtpServer {
  readonly received: ReceivedEmail[] = [];
  private server: SMTPServer | null = null;

  private constructor(public port: number) {}

  static async start(): Promise<TestSmtpServer> {
    const smtp = new TestSmtpServer(0);
    await smtp.up();
    return smtp;
  }

  /** A port nobody listens on yet, for a server that starts later. */
  static async reservePort(): Promise<TestSmtpServer> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return new TestSmtpServer(port);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          this.received.push({
            to: session.envelope.rcptTo.map((address) => address.address),
            messageId: header(raw, 'Message-ID'),
            idempotencyKey: header(raw, 'X-Idempotency-Key'),
            subject: header(raw, 'Subject'),
            raw,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): ReceivedEmail[] {
    return this.received.filter((mail) => mail.to.includes(address));
  }
}

function header(raw: string, name: string): string {
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw);
  return match ? match[1].replace(/\r?\n[ \t]/g, ' ').trim() : '';
}

export interface ReceivedWebhook {
  idempotencyKey: string;
  eventType: string;
  signatureValid: boolean;
  body: { id: string; type: string; data: Record<string, unknown> };
  status: number;
}

/** Records every request and answers with `respond` (200 by default); checks the signature of each. */
export class TestWebhookServer {
  readonly requests: ReceivedWebhook[] = [];
  respond: (request: ReceivedWebhook) => number = () => 200;
  /** Requests received and not answered yet (see `hold`). */
  readonly inFlight: ReceivedWebhook[] = [];
  /** A promise returned here keeps the request unanswered until it settles (a receiver that hangs). */
  hold: (request: ReceivedWebhook) => Promise<void> | undefined = () => undefined;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(secret: string): Promise<TestWebhookServer> {
    let self: TestWebhookServer | null = null;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const request: ReceivedWebhook = {
          idempotencyKey: String(req.headers['x-idempotency-key'] ?? ''),
          eventType: String(req.headers['x-event-type'] ?? ''),
          signatureValid: verifyWebhookSignature(
            raw,
            secret,
            req.headers['x-signature'] as string | undefined,
          ),
          body: JSON.parse(raw) as ReceivedWebhook['body'],
          status: 0,
        };
        const answer = () => {
          request.status = self!.respond(request);
          self!.requests.push(request);
          res
            .writeHead(request.status, { 'Content-Type': 'text/plain' })
            .end(request.status < 300 ? 'ok' : 'nope');
        };
        const held = self!.hold(request);
        if (!held) return answer();
        self!.inFlight.push(request);
        void held.then(() => {
          self!.inFlight.splice(self!.inFlight.indexOf(request), 1);
          answer();
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    self = new TestWebhookServer(server, `http://127.0.0.1:${port}/hooks`);
    return self;
  }

  /** Requests answered 2xx: what the receiver accepted. */
  accepted(filter: (request: ReceivedWebhook) => boolean = () => true): ReceivedWebhook[] {
    return this.requests.filter(
      (request) => request.status >= 200 && request.status < 300 && filter(request),
    );
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface TestUser {
  id: string;
  username: string;
  email: string | null;
  roles: string[];
  region: string | null;
}

/** Inserts a staff member with a unique username (files share one database). */
export async function createUser(
  dataSource: DataSource,
  fields: { name: string; roles: string[]; region?: string | null; email?: boolean; active?: boolean },
): Promise<TestUser> {
  const suffix = randomUUID().slice(0, 8);
  const username = `${fields.name}-${suffix}`;
  const email = fields.email === false ? null : `${username}@example.test`;
  const [row] = (await dataSource.query(
    `INSERT INTO users (username, password_hash, display_name, email, roles, region, active)
     VALUES ($1, 'x', $1, $2, $3, $4, $5) RETURNING id`,
    [username, email, fields.roles, fields.region ?? null, fields.active ?? true],
  )) as { id: string }[];
  return { id: row.id, username, email, roles: fields.roles, region: fields.region ?? null };
}

/** A unique order number for this file and run. */
export function uniqueOrderNo(): string {
  return `SO-T${Date.now().toString().slice(-8)}-${Math.floor(Math.random() * 1e6)}`.slice(0, 32);
}

export function uniqueRegion(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
