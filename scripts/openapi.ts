// `npm run api:generate`: writes the API's OpenAPI document (exactly what /api/docs-json serves) to
// web/src/api/openapi.json and the web app's typed client schema to web/src/api/schema.d.ts.
// `npm run api:check` (CI) regenerates both in memory and fails when the checked-in copies differ, so the
// web app's client can never drift from the server's contract.
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createApp, openApiDocument } from '../src/api/app.factory';
import { loadConfig } from '../src/config/app-config';
import { createDataSource } from '../src/persistence/data-source';

const root = resolve(__dirname, '..');
const documentPath = join(root, 'web/src/api/openapi.json');
const schemaPath = join(root, 'web/src/api/schema.d.ts');

/** The document of the routes as built, with nothing started: no database, no Temporal connection. */
export async function buildOpenApiJson(): Promise<string> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    // The codec routes exist only with a key; the contract documents them (a fixed dummy, never used).
    PAYLOAD_ENCRYPTION_KEY: Buffer.alloc(32).toString('base64'),
  });
  const app = await createApp(config, {
    // Never initialised: the routes are built, no query runs.
    dataSource: createDataSource('postgres://127.0.0.1/unused'),
    init: false,
  });
  return `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
}

function typesFor(documentFile: string): string {
  const cli = join(root, 'node_modules/openapi-typescript/bin/cli.js');
  const out = execFileSync(
    process.execPath,
    [cli, documentFile, '--root-types', '--alphabetize', '--default-non-nullable', 'false'],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // Prettier owns the layout of checked-in files; the generated text goes through it too.
  return execFileSync(
    process.execPath,
    [join(root, 'node_modules/prettier/bin/prettier.cjs'), '--stdin-filepath', schemaPath],
    {
      cwd: root,
      input: out,
      encoding: 'utf8',
    },
  );
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const document = await buildOpenApiJson();
  const scratch = mkdtempSync(join(tmpdir(), 'openapi-'));
  try {
    const scratchDocument = join(scratch, 'openapi.json');
    writeFileSync(scratchDocument, document);
    const schema = typesFor(scratchDocument);
    if (!check) {
      writeFileSync(documentPath, document);
      writeFileSync(schemaPath, schema);
      process.stdout.write(`wrote ${relative(root, documentPath)} and ${relative(root, schemaPath)}\n`);
      return;
    }
    const stale = [
      [documentPath, document],
      [schemaPath, schema],
    ].filter(([path, fresh]) => readFileSync(path, 'utf8') !== fresh);
    if (stale.length) {
      process.stderr.write(
        `the API contract changed: ${stale.map(([path]) => relative(root, path)).join(', ')} ` +
          'differ from the code. Run `npm run api:generate` and commit the result.\n',
      );
      process.exitCode = 1;
    } else process.stdout.write('web/src/api matches the API contract\n');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module)
  main()
    .then(() => process.exit())
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    });
