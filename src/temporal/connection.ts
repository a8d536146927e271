import { loadClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnectionOptions } from '@temporalio/worker';

export interface TemporalTarget {
  connectionOptions: NativeConnectionOptions;
  namespace: string;
}

/**
 * Where Temporal is and how to reach it: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY,
 * TEMPORAL_TLS_* and the TOML profile file, as every Temporal SDK and the CLI read them.
 */
export function temporalTarget(defaultAddress = '127.0.0.1:7233'): TemporalTarget {
  const { connectionOptions, namespace } = loadClientConnectConfig();
  return {
    connectionOptions: { ...connectionOptions, address: connectionOptions.address ?? defaultAddress },
    namespace: namespace ?? 'default',
  };
}
