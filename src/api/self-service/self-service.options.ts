import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';

export interface SelfServiceOptions {
  config: AppConfig;
  dataSource: DataSource;
}

export const SELF_SERVICE_OPTIONS = Symbol('SELF_SERVICE_OPTIONS');
