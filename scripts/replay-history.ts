// Replays exported histories (`temporal workflow show -w order-<no> --output json > file.json`) against the
// workflow code of this checkout, with the project's data converter (PAYLOAD_ENCRYPTION_KEY and previous keys),
// so encrypted and codec-decoded exports both work. Prints one line per file; exit code 1 when any fails.
//   npx ts-node --transpile-only scripts/replay-history.ts <history.json>...
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import { loadConfig } from '../src/config/app-config';
import { createDataConverter } from '../src/temporal/data-converter';

async function main(files: string[]): Promise<number> {
  if (files.length === 0) throw new Error('usage: scripts/replay-history.ts <history.json>...');
  // The failure is printed below; the SDK's own warning would repeat it.
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
  const histories = files.map((file) => ({
    workflowId: basename(file).replace(/\.json$/, ''),
    history: historyFromJSON(JSON.parse(readFileSync(file, 'utf8'))),
  }));
  let failed = 0;
  for await (const result of Worker.runReplayHistories(
    {
      workflowsPath: require.resolve('../src/workflows'),
      dataConverter: createDataConverter(loadConfig()),
    },
    histories,
  )) {
    if (result.error) failed += 1;
    process.stdout.write(
      `${result.error ? 'FAIL' : 'ok  '} ${result.workflowId}${result.error ? `: ${result.error.message}` : ''}\n`,
    );
  }
  return failed > 0 ? 1 : 0;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
