// A TCP proxy on loopback between the product's processes and PostgreSQL, which the fault run can cut:
// every open connection is closed and new ones are refused until it is restored.
import { createServer, connect, type Server, type Socket } from 'node:net';

export class CuttableProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private listenPort = 0;
  /** Connections accepted since start (a cut never resets it). */
  connections = 0;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  get port(): number {
    return this.listenPort;
  }

  async start(port = 0): Promise<number> {
    this.server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      const server = this.server as Server;
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');
    this.listenPort = address.port;
    return this.listenPort;
  }

  private relay(client: Socket): void {
    this.connections += 1;
    const upstream = connect(this.target.port, this.target.host);
    this.sockets.add(client);
    this.sockets.add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Closes every connection and refuses new ones (ECONNREFUSED) for `ms`, then listens again. */
  async cut(ms: number): Promise<{ closedSockets: number }> {
    const server = this.server;
    this.server = null;
    const closed = this.sockets.size;
    const stopped = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await stopped;
    this.log(`cut: ${closed} sockets closed, refusing for ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, ms));
    await this.start(this.listenPort);
    this.log('restored');
    return { closedSockets: closed };
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
