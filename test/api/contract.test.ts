// The OpenAPI contract the web app's client is generated from: built exactly as `npm run api:generate`
// builds it (no database, no Temporal), linted by redocly with the repository's redocly.yaml, and checked
// for what the linter cannot know (integers, the server's patterns, one Idempotency-Key declaration…).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApiJson } from '../../scripts/openapi';

type Schema = Record<string, unknown>;
interface Operation {
  parameters?: Schema[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema; example?: Schema }> }>;
  security?: Record<string, string[]>[];
}
interface Document {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, Schema> }>; parameters: Schema };
}

const root = join(__dirname, '../..');

describe('OpenAPI contract', () => {
  let text: string;
  let doc: Document;
  const operations = (): [string, string, Operation][] =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]): [string, string, Operation] => [path, method, op]),
    );
  const property = (schema: string, name: string): Schema => {
    const found = doc.components.schemas[schema]?.properties?.[name];
    if (!found) throw new Error(`no ${schema}.${name}`);
    return found;
  };

  beforeAll(async () => {
    text = await buildOpenApiJson();
    doc = JSON.parse(text) as Document;
  });

  it('lints clean with redocly (recommended ruleset, redocly.yaml): no error, no warning', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'contract-'));
    try {
      const file = join(scratch, 'openapi.json');
      writeFileSync(file, text);
      let output: string;
      try {
        output = execFileSync(
          process.execPath,
          [join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', file, '--format=json'],
          { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
        );
      } catch (error) {
        output = (error as { stdout: string }).stdout;
      }
      const problems = (JSON.parse(output) as { problems: { ruleId: string; message: string }[] }).problems;
      expect(problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('is the checked-in web/src/api/openapi.json (npm run api:check)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(JSON.parse(text)).toEqual(require('../../web/src/api/openapi.json'));
  });

  it('is OpenAPI 3.0 with relative servers, and nullable written the 3.0 way', () => {
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(doc.servers).toEqual([{ url: '/', description: 'this API' }]);
    // 3.0 has no type arrays (`type: ['string', 'null']`): `nullable: true`.
    const arrays: string[] = [];
    const walk = (value: unknown, at: string): void => {
      if (typeof value !== 'object' || value === null) return;
      if (Array.isArray((value as Schema).type)) arrays.push(at);
      for (const [key, child] of Object.entries(value)) walk(child, `${at}/${key}`);
    };
    walk(doc, '#');
    expect(arrays).toEqual([]);
  });

  it('types the user profile fields: email and region strings, lat and lng numbers, all nullable', () => {
    for (const schema of ['CreateUserDto', 'UpdateUserDto', 'UserDto']) {
      expect(property(schema, 'email')).toMatchObject({ type: 'string', nullable: true });
      expect(property(schema, 'region')).toMatchObject({ type: 'string', nullable: true });
      expect(property(schema, 'lat')).toMatchObject({ type: 'number', nullable: true });
      expect(property(schema, 'lng')).toMatchObject({ type: 'number', nullable: true });
    }
    expect(property('CreateUserDto', 'email')).toMatchObject({ format: 'email' });
    // No property is an untyped `object` without properties (what a `string | null` field becomes).
    const untyped = Object.entries(doc.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(([, p]) => p.type === 'object' && !p.properties && !p.additionalProperties)
        .map(([key]) => `${name}.${key}`),
    );
    expect(untyped.filter((name) => /\.(email|region|lat|lng)$/.test(name))).toEqual([]);
  });

  it('types counts, levels, pages and versions as integers', () => {
    const integers: [string, string][] = [
      ['UserPageDto', 'page'],
      ['UserPageDto', 'pageSize'],
      ['UserPageDto', 'total'],
      ['InboxPageDto', 'unread'],
      ['UserDto', 'capacity'],
      ['CreateUserDto', 'capacity'],
      ['CustomerAcceptanceDto', 'rating'],
      ['OrderViewDto', 'rating'],
      ['OrderViewDto', 'revision'],
      ['OrderViewDto', 'reworkRound'],
      ['EscalationDto', 'level'],
      ['DeadlineViewDto', 'escalationLevel'],
      ['PartUsedDto', 'quantity'],
      ['PartQuantityDto', 'quantity'],
      ['SlaPolicyDto', 'version'],
      ['SlaPolicyDto', 'maxReworks'],
      ['PutPolicyResponseDto', 'signalledOrders'],
      ['TechnicianWorkloadDto', 'openOrders'],
      ['KpisDto', 'orders'],
      ['StageEscalationsDto', 'level1'],
      ['StuckOrdersDto', 'checkedWorkflows'],
      ['ErrorBodyDto', 'statusCode'],
    ];
    for (const [schema, name] of integers) {
      expect({ at: `${schema}.${name}`, type: property(schema, name).type }).toEqual({
        at: `${schema}.${name}`,
        type: 'integer',
      });
    }
    const queryTypes = (path: string) =>
      Object.fromEntries(
        (doc.paths[path].get.parameters ?? []).map((p) => [p.name, (p.schema as Schema).type]),
      );
    expect(queryTypes('/api/escalations')).toMatchObject({
      page: 'integer',
      pageSize: 'integer',
      level: 'integer',
    });
    expect(queryTypes('/api/admin/stuck-orders')).toMatchObject({ minAttempt: 'integer' });
    expect(queryTypes('/api/orders/{orderNo}')).toMatchObject({ minRevision: 'integer' });
  });

  it('describes the formats the server enforces', () => {
    const pathParameter = (path: string, method: string, name: string) =>
      doc.paths[path][method].parameters?.find((p) => p.name === name)?.schema as Schema;
    expect(pathParameter('/api/orders/{orderNo}/review', 'post', 'orderNo')).toMatchObject({
      pattern: '^SO-\\d{8}-\\d{6}$',
    });
    expect(pathParameter('/api/users/{id}', 'get', 'id')).toMatchObject({ format: 'uuid' });
    expect(pathParameter('/api/calendars/{name}', 'put', 'name')).toMatchObject({
      pattern: '^[A-Za-z0-9_.-]{1,100}$',
    });
    const duration = new RegExp(property('DispatchTargetsDoc', 'URGENT').pattern as string);
    for (const ok of ['90s', '30m', '4h', '3d', '1h30m']) expect(duration.test(ok)).toBe(true);
    for (const bad of ['', '4x', '30m1h', '1.5h']) expect(duration.test(bad)).toBe(false);
    const hhmm = new RegExp(property('WorkingIntervalDoc', 'start').pattern as string);
    for (const ok of ['00:00', '09:30', '23:59', '24:00']) expect(hhmm.test(ok)).toBe(true);
    for (const bad of ['9:00', '24:01', '12:60']) expect(hhmm.test(bad)).toBe(false);
    expect(property('PutCalendarDto', 'timeZone')).toMatchObject({ example: 'Asia/Shanghai' });
    expect(property('PutCalendarDto', 'holidays')).toMatchObject({ items: { format: 'date' } });
  });

  it('declares Idempotency-Key once, as a component every honouring operation references', () => {
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ in: 'header', name: 'Idempotency-Key' });
    const referencing: string[] = [];
    for (const [path, method, op] of operations()) {
      for (const parameter of op.parameters ?? []) {
        expect(String(parameter.name ?? '').toLowerCase()).not.toBe('idempotency-key');
        if (parameter.$ref === '#/components/parameters/IdempotencyKey')
          referencing.push(`${method} ${path}`);
      }
    }
    expect(referencing).toEqual(
      expect.arrayContaining([
        'post /api/orders',
        'post /api/orders/{orderNo}/review',
        'post /api/orders/{orderNo}/warranty-claims',
      ]),
    );
  });

  it('gives every error example the status of its response', () => {
    let examples = 0;
    for (const [path, method, op] of operations()) {
      for (const [code, response] of Object.entries(op.responses)) {
        const example = response.content?.['application/json']?.example;
        if (!/^[45]/.test(code)) continue;
        expect({ at: `${method} ${path} ${code}`, statusCode: example?.statusCode }).toEqual({
          at: `${method} ${path} ${code}`,
          statusCode: Number(code),
        });
        examples += 1;
      }
    }
    expect(examples).toBeGreaterThan(100);
  });

  it('documents security on every operation: public ones with security: []', () => {
    for (const [path, method, op] of operations())
      expect({ path, method, has: Array.isArray(op.security) }).toEqual({ path, method, has: true });
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
    expect(doc.paths['/api/health'].get.security).toEqual([]);
  });

  it('documents the codec endpoint: bodies, answers and its two credentials', () => {
    for (const path of ['/api/codec/decode', '/api/codec/encode']) {
      const op = doc.paths[path].post;
      expect(op.security).toEqual([{ bearer: [] }, { codecSession: [] }]);
      expect(op.requestBody?.content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/CodecPayloadsDto',
      });
      expect(op.responses['200'].content?.['application/json'].schema).toEqual({
        $ref: '#/components/schemas/CodecPayloadsDto',
      });
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400', '401', '403']));
    }
    expect(doc.paths['/api/codec/session'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/codec/session'].get.security).toEqual([{ codecSession: [] }]);
    expect(doc.paths['/api/codec/session'].delete.security).toEqual([]);
  });

  it('documents health with a body for 200 and 503', () => {
    const responses = doc.paths['/api/health'].get.responses;
    expect(responses['200'].content?.['application/json'].schema).toEqual({
      $ref: '#/components/schemas/HealthDto',
    });
    expect(responses['503'].content?.['application/json'].schema).toEqual({
      $ref: '#/components/schemas/HealthUnavailableDto',
    });
  });
});
