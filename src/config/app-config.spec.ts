import { AppConfig, ConfigError, loadConfig } from './app-config';

describe(AppConfig.name, () => {
  it('applies defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.TEMPORAL_NAMESPACE).toBe('default');
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('serves worker metrics on 127.0.0.1:9464 unless set; empty turns them off', () => {
    expect(loadConfig({}).WORKER_METRICS_ADDRESS).toBe('127.0.0.1:9464');
    expect(loadConfig({ WORKER_METRICS_ADDRESS: '0.0.0.0:9100' }).WORKER_METRICS_ADDRESS).toBe(
      '0.0.0.0:9100',
    );
    expect(loadConfig({ WORKER_METRICS_ADDRESS: '' }).WORKER_METRICS_ADDRESS).toBe('');
  });

  it('parses numbers and urls', () => {
    const config = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' });
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBe('postgres://u@127.0.0.1:5432/db');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ NODE_ENV: 'production' }, 'ADMIN_PASSWORD'],
    [{ WEBHOOK_URL: 'http://127.0.0.1:9000/hook' }, 'WEBHOOK_SECRET'],
    [{ WORKER_METRICS_ADDRESS: 'localhost:9464' }, 'WORKER_METRICS_ADDRESS'],
  ])('refuses %p naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });
});
