/** Compile-time exhaustiveness: a switch that misses a case fails to compile here. */
export function assertUnreachable(value: never): never {
  throw new Error(`unreachable case: ${JSON.stringify(value)}`);
}
