import { InitialSchema1795434881477 } from './1795434881477-initial-schema';

/** Every migration in order; a new one is appended here. */
export const MIGRATIONS = [InitialSchema1795434881477];
