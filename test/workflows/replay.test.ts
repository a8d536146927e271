// Replays every recorded history in test/histories/ against today's workflow code: a change that breaks
// determinism for orders already running in production fails here. Record new histories with
// `RECORD_HISTORIES=1 npx jest test/workflows/lifecycle.test.ts test/workflows/after-work.test.ts`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR, loadHistory } from './histories';

describe('recorded order histories', () => {
  const files = readdirSync(HISTORIES_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort();

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it('replays every one of them without a determinism error', async () => {
    const histories = files.map((name) => ({
      workflowId: name.replace(/\.json$/, ''),
      history: loadHistory(join(HISTORIES_DIR, name)),
    }));
    const bundlePath = process.env.TEST_WORKFLOW_BUNDLE;
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories(
      bundlePath
        ? { workflowBundle: { codePath: bundlePath } }
        : { workflowsPath: require.resolve('../../src/workflows') },
      histories,
    )) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  });
});
