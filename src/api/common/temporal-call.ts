import type { Client } from '@temporalio/client';

/**
 * Runs a Temporal call that must answer within `ms` (config TEMPORAL_CALL_TIMEOUT_MS); past it the request
 * answers 503 instead of letting the SDK retry for a minute.
 */
export function withinDeadline<T>(client: Client, fn: () => Promise<T>, ms: number): Promise<T> {
  return client.withDeadline(Date.now() + ms, fn);
}

// grpc-js ConnectivityState.READY; grpc-js is the SDK's dependency, not ours, so the value is named here.
const READY = 2;

interface GrpcChannel {
  getConnectivityState(tryToConnect: boolean): number;
  watchConnectivityState(state: number, deadline: number, callback: (error?: Error) => void): void;
}

function channelOf(client: Client): GrpcChannel | null {
  // The SDK keeps its grpc client protected; without it we cannot tell, and say "may have reached".
  const grpcClient = (client.connection as unknown as { client?: { getChannel?: () => GrpcChannel } }).client;
  return typeof grpcClient?.getChannel === 'function' ? grpcClient.getChannel() : null;
}

export type Sent<T> =
  | { ok: true; value: T }
  /** `mayHaveReachedServer` is false only when the connection was never up while the call ran. */
  | { ok: false; error: unknown; mayHaveReachedServer: boolean };

/**
 * withinDeadline for commands: also tells whether the request can have reached the server. A gRPC call is
 * only transmitted on a READY channel, so a channel that never became READY (connection refused, server
 * down) sent nothing, whatever the SDK's retries did meanwhile.
 */
export async function sendWithinDeadline<T>(
  client: Client,
  fn: () => Promise<T>,
  ms: number,
): Promise<Sent<T>> {
  const deadline = Date.now() + ms;
  const channel = channelOf(client);
  let reached = channel === null || channel.getConnectivityState(false) === READY;
  let watching = channel !== null && !reached;
  const watch = (state: number) =>
    channel?.watchConnectivityState(state, deadline, (error) => {
      if (error || !watching) return;
      const now = channel.getConnectivityState(false);
      if (now === READY) {
        reached = true;
        watching = false;
        return;
      }
      watch(now);
    });
  if (watching && channel) watch(channel.getConnectivityState(false));
  try {
    const value = await client.withDeadline(deadline, fn);
    return { ok: true, value };
  } catch (error) {
    return {
      ok: false,
      error,
      mayHaveReachedServer: reached || channel?.getConnectivityState(false) === READY,
    };
  } finally {
    watching = false;
  }
}
