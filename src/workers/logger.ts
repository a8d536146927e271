import { DefaultLogger, LogLevel } from '@temporalio/worker';
import type { AppConfig } from '../config/app-config';

const LEVELS: Record<string, LogLevel> = {
  trace: 'TRACE',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  fatal: 'ERROR',
  silent: 'ERROR',
};

/** The SDK's logger at the configured level, one JSON line per entry (what log shippers expect). */
export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL'>): DefaultLogger {
  return new DefaultLogger(LEVELS[config.LOG_LEVEL] ?? 'INFO', (entry) => {
    process.stderr.write(
      `${JSON.stringify({ time: Number(entry.timestampNanos / 1_000_000n), level: entry.level, msg: entry.message, ...entry.meta })}\n`,
    );
  });
}
