export default async function globalTeardown(): Promise<void> {
  if (process.env.FAULTS_KEEP_DATABASE === '1') {
    process.stdout.write(`[faults] kept database ${process.env.FAULTS_DATABASE_URL}\n`);
    return;
  }
  await globalThis.faultRunDatabase?.drop();
}
