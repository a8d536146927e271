// The price catalogue through the API on the real database: the seeded version 1, new versions by PUT (older
// ones stay readable, numbers increase, concurrent saves never share one), refusals naming the field, who may
// do what, estimates priced from a chosen version with labour by order type × zone, and coverage judgements.
// PUTs here keep every seeded item, rate and model, so other files reading the current version see them.
import { addDays, addMonths, calendarDateIn } from '../../src/domain';
import { PRICE_CATALOGUE_V1 } from '../../src/persistence/migrations/1795436800000-price-catalogues';
import { ApiStack, bearer, createStaff, startApiStack, type TestUser } from './api-harness';

interface CatalogueBody {
  version: number;
  currency: string;
  createdBy: string | null;
  createdAt: string;
  items: {
    code: string;
    kind: string;
    description: string;
    unitPrice: number;
    unit: string;
    warranty?: string;
  }[];
  labourRates: { orderType: string; zone: string; hourlyRate: number }[];
  productModels: { model: string; warrantyMonths: number }[];
  quoteSettings: Record<string, number>;
}

describe('price catalogue API', () => {
  let stack: ApiStack;
  let admin: TestUser;
  let agent: TestUser;
  let technician: TestUser;
  let supervisor: TestUser;
  let finance: TestUser;

  const getCurrent = async (user: TestUser = finance) => {
    const response = await stack.http().get('/api/price-catalogue').set(bearer(user.token));
    expect(response.status).toBe(200);
    return response.body as CatalogueBody;
  };
  const put = (body: object, user: TestUser = admin) =>
    stack.http().put('/api/price-catalogue').set(bearer(user.token)).send(body);
  const estimate = (body: object, user: TestUser = technician) =>
    stack.http().post('/api/price-catalogue/estimate').set(bearer(user.token)).send(body);
  const judge = (body: object, user: TestUser = agent) =>
    stack.http().post('/api/coverage/judgement').set(bearer(user.token)).send(body);
  const fields = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field);

  beforeAll(async () => {
    stack = await startApiStack({ prefix: 'api-catalogue' });
    [admin, agent, technician, supervisor, finance] = await Promise.all([
      createStaff(stack, ['admin']),
      createStaff(stack, ['agent']),
      createStaff(stack, ['technician']),
      createStaff(stack, ['supervisor']),
      createStaff(stack, ['finance']),
    ]);
  });

  afterAll(async () => {
    await stack?.close();
  });

  describe('reading', () => {
    it('serves the seeded version 1 to any staff member, in the configured currency', async () => {
      const response = await stack.http().get('/api/price-catalogue/versions/1').set(bearer(finance.token));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        version: 1,
        currency: 'CNY',
        createdBy: 'seed',
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        ...PRICE_CATALOGUE_V1,
      });
      const current = await getCurrent(technician);
      expect(current.version).toBeGreaterThanOrEqual(1);
      expect(current.labourRates).toHaveLength(16);
    });

    it('answers 404 for a version never saved and 400 for one that is no version', async () => {
      const unknown = await stack.http().get('/api/price-catalogue/versions/99999').set(bearer(agent.token));
      expect(unknown.status).toBe(404);
      expect(unknown.body.message).toBe('No price catalogue version 99999');
      for (const bad of ['0', 'abc', '1.5', '-1']) {
        const response = await stack
          .http()
          .get(`/api/price-catalogue/versions/${bad}`)
          .set(bearer(agent.token));
        expect({ bad, status: response.status, fields: fields(response.body) }).toEqual({
          bad,
          status: 400,
          fields: ['version'],
        });
      }
    });

    it('needs a signed-in staff member', async () => {
      expect((await stack.http().get('/api/price-catalogue')).status).toBe(401);
    });
  });

  describe('saving a new version', () => {
    it('writes version n + 1 and keeps every older version readable', async () => {
      const before = await getCurrent();
      const edited = {
        ...before,
        items: [
          ...before.items.map((item) =>
            item.code === 'AC-CLEAN' ? { ...item, unitPrice: item.unitPrice + 1000 } : item,
          ),
          {
            code: `AC-FILTER-${before.version + 1}`,
            kind: 'PART',
            description: 'Replacement air filter',
            unitPrice: 2500,
            unit: 'pc',
          },
        ],
      };
      // The GET answer goes back as is: version, currency, createdBy and createdAt are read-only.
      const saved = await put(edited);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        version: before.version + 1,
        currency: 'CNY',
        createdBy: admin.username,
        quoteSettings: before.quoteSettings,
      });
      const clean = (body: CatalogueBody) => body.items.find((item) => item.code === 'AC-CLEAN')?.unitPrice;
      expect(clean(saved.body as CatalogueBody)).toBe((clean(before) ?? 0) + 1000);

      const old = await stack
        .http()
        .get(`/api/price-catalogue/versions/${before.version}`)
        .set(bearer(agent.token));
      expect(old.status).toBe(200);
      expect(old.body).toEqual(before);
      expect((await getCurrent()).version).toBeGreaterThanOrEqual(before.version + 1);
    });

    it('applies the default tolerances when they are left out', async () => {
      const { version: _v, currency: _c, createdBy: _b, createdAt: _a, ...definition } = await getCurrent();
      const saved = await put({
        ...definition,
        quoteSettings: { quoteRequiredAbove: 50000, diagnosisFee: 5000 },
      });
      expect(saved.status).toBe(200);
      expect(saved.body.quoteSettings).toEqual({
        quoteRequiredAbove: 50000,
        estimateTolerancePercent: 10,
        selfBoughtTolerancePercent: 5,
        diagnosisFee: 5000,
      });
    });

    it('never gives two concurrent saves the same version', async () => {
      const current = await getCurrent();
      const responses = await Promise.all(Array.from({ length: 6 }, () => put(current)));
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const versions = responses.map((response) => (response.body as CatalogueBody).version);
      expect(new Set(versions).size).toBe(6);
      expect(Math.min(...versions)).toBeGreaterThan(current.version);
    });

    it('refuses a bad definition with 400 naming each field, and saves nothing', async () => {
      const current = await getCurrent();
      const [firstItem] = current.items;
      const response = await put({
        ...current,
        items: [
          ...current.items,
          { ...firstItem, code: firstItem.code.toLowerCase() },
          { code: 'AC-NEGATIVE', kind: 'MATERIAL', description: 'Refund?', unitPrice: -100, unit: 'm' },
          {
            code: 'AC-CLEAN-2',
            kind: 'SERVICE',
            description: 'x',
            unitPrice: 1,
            unit: 'job',
            warranty: '30d',
          },
        ],
        labourRates: current.labourRates.filter((rate) => rate.orderType !== 'REPAIR'),
        productModels: [...current.productModels, { model: 'kfr-35gw', warrantyMonths: 6 }],
      });
      expect(response.status).toBe(400);
      const n = current.items.length;
      expect(response.body.details).toEqual([
        {
          field: `items[${n}].code`,
          reasons: [`duplicates the code of items[0] (${firstItem.code})`],
        },
        { field: `items[${n + 1}].unitPrice`, reasons: ['must not be negative'] },
        { field: `items[${n + 2}].warranty`, reasons: ['only a PART carries its own warranty'] },
        {
          field: 'labourRates',
          reasons: ['no hourly rate for REPAIR in IN_CITY, REPAIR in OUT_OF_CITY'],
        },
        {
          field: `productModels[${current.productModels.length}].model`,
          reasons: [expect.stringMatching(/^duplicates productModels\[\d+\] \(KFR-35GW\)$/)],
        },
      ]);
      expect(response.body.message).toMatch(/^The catalogue is invalid: items\[/);
      expect((await getCurrent()).version).toBe(current.version);
    });

    it('refuses malformed parts before the rules: unknown enums, fields and types, a foreign currency', async () => {
      const current = await getCurrent();
      const cases: [object, string[]][] = [
        [
          { ...current, labourRates: [{ orderType: 'CLEANING', zone: 'IN_CITY', hourlyRate: 1 }] },
          ['labourRates[0].orderType'],
        ],
        [{ ...current, items: [{ ...current.items[0], unitPrice: 12.5 }] }, ['items[0].unitPrice']],
        [{ ...current, items: [{ ...current.items[0], colour: 'red' }] }, ['items[0].colour']],
        [{ ...current, currency: 'USD' }, ['currency']],
        [
          { ...current, quoteSettings: { ...current.quoteSettings, estimateTolerancePercent: 150 } },
          ['quoteSettings.estimateTolerancePercent'],
        ],
        [{ items: current.items }, ['labourRates', 'productModels', 'quoteSettings']],
      ];
      for (const [body, expected] of cases) {
        const response = await put(body);
        expect({ status: response.status, fields: [...new Set(fields(response.body))] }).toEqual({
          status: 400,
          fields: expected,
        });
      }
    });

    it('is for admins only', async () => {
      const current = await getCurrent();
      for (const user of [agent, technician, supervisor, finance]) {
        expect((await put(current, user)).status).toBe(403);
      }
      expect((await stack.http().put('/api/price-catalogue').send(current)).status).toBe(401);
    });
  });

  describe('estimates', () => {
    it('prices items and labour hours from the chosen version, labour by order type × zone', async () => {
      const response = await estimate({
        version: 1,
        orderType: 'REPAIR',
        zone: 'OUT_OF_CITY',
        lines: [
          { labourHours: 1.5 },
          { code: 'AC-CAP-35UF', quantity: 1 },
          { code: 'ac-pipe-cu', quantity: 2.5 },
          { code: 'AC-LEAK-TEST', quantity: 1 },
        ],
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        catalogueVersion: 1,
        currency: 'CNY',
        orderType: 'REPAIR',
        zone: 'OUT_OF_CITY',
        lines: [
          {
            code: 'LABOUR_HOURS',
            kind: 'LABOUR',
            description: 'Labour, REPAIR OUT_OF_CITY hourly rate',
            unit: 'h',
            quantity: 1.5,
            unitPrice: 15000,
            amount: 22500,
          },
          {
            code: 'AC-CAP-35UF',
            kind: 'PART',
            description: 'Compressor run capacitor 35 µF',
            unit: 'pc',
            quantity: 1,
            unitPrice: 4500,
            amount: 4500,
          },
          {
            code: 'AC-PIPE-CU',
            kind: 'MATERIAL',
            description: 'Insulated copper pipe pair 6.35/9.52 mm, per metre beyond the included length',
            unit: 'm',
            quantity: 2.5,
            unitPrice: 7000,
            amount: 17500,
          },
          {
            code: 'AC-LEAK-TEST',
            kind: 'SERVICE',
            description: 'Refrigerant leak test with nitrogen',
            unit: 'job',
            quantity: 1,
            unitPrice: 5000,
            amount: 5000,
          },
        ],
        labour: 22500,
        parts: 4500,
        materials: 17500,
        services: 5000,
        total: 49500,
        approvalLimit: 54450,
        aboveQuoteThreshold: false,
      });
    });

    it('takes the rate of the order type and zone asked for', async () => {
      const labour = async (orderType: string, zone: string) => {
        const response = await estimate({ version: 1, orderType, zone, lines: [{ labourHours: 2 }] }, agent);
        expect(response.status).toBe(200);
        return response.body.labour as number;
      };
      expect(await labour('INSTALLATION', 'IN_CITY')).toBe(16000);
      expect(await labour('INSTALLATION', 'OUT_OF_CITY')).toBe(24000);
      expect(await labour('REPAIR', 'IN_CITY')).toBe(20000);
      expect(await labour('COMPLAINT', 'OUT_OF_CITY')).toBe(0);
    });

    it('uses the current version when none is named', async () => {
      const current = await getCurrent();
      const response = await estimate(
        { orderType: 'INSTALLATION', zone: 'IN_CITY', lines: [{ code: 'AC-INSTALL-WALL', quantity: 1 }] },
        supervisor,
      );
      expect(response.status).toBe(200);
      expect(response.body.catalogueVersion).toBeGreaterThanOrEqual(current.version);
      expect(response.body.total).toBe(20000);
    });

    it('answers 422 naming each line it cannot price, and an unknown version', async () => {
      const unknown = await estimate({
        version: 1,
        orderType: 'REPAIR',
        zone: 'IN_CITY',
        lines: [
          { code: 'AC-CAP-35UF', quantity: 1 },
          { code: 'AC-FLUX-CAPACITOR', quantity: 1 },
          { code: 'AC-REMOTE', quantity: 1.5 },
        ],
      });
      expect(unknown.status).toBe(422);
      expect(unknown.body).toEqual({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'Catalogue version 1 cannot price lines[1].code, lines[2].quantity',
        details: [
          { field: 'lines[1].code', reasons: ['no item AC-FLUX-CAPACITOR in catalogue version 1'] },
          { field: 'lines[2].quantity', reasons: ['parts are counted in whole pc'] },
        ],
      });
      const noVersion = await estimate({
        version: 99999,
        orderType: 'REPAIR',
        zone: 'IN_CITY',
        lines: [{ labourHours: 1 }],
      });
      expect(noVersion.status).toBe(422);
      expect(fields(noVersion.body)).toEqual(['version']);
    });

    it('answers 400 naming malformed lines', async () => {
      const response = await estimate({
        orderType: 'REPAIR',
        zone: 'IN_CITY',
        lines: [{ code: 'AC-CAP-35UF', labourHours: 1 }, {}, { code: 'AC-CAP-35UF' }, { labourHours: 1.234 }],
      });
      expect(response.status).toBe(400);
      expect(fields(response.body)).toEqual(['lines[3].labourHours']);
      const forms = await estimate({
        orderType: 'REPAIR',
        zone: 'IN_CITY',
        lines: [{ code: 'AC-CAP-35UF', labourHours: 1 }, {}, { code: 'AC-CAP-35UF' }],
      });
      expect(forms.status).toBe(400);
      expect(fields(forms.body)).toEqual(['lines[0]', 'lines[1].code', 'lines[2].quantity']);
      const badJob = await estimate({ orderType: 'REPAIRS', zone: 'MARS', lines: [] });
      expect(badJob.status).toBe(400);
      expect(fields(badJob.body)).toEqual(['orderType', 'zone', 'lines']);
    });

    it('is for agents, technicians and supervisors', async () => {
      const body = { version: 1, orderType: 'REPAIR', zone: 'IN_CITY', lines: [{ labourHours: 1 }] };
      for (const user of [agent, technician, supervisor])
        expect((await estimate(body, user)).status).toBe(200);
      for (const user of [finance, admin]) expect((await estimate(body, user)).status).toBe(403);
    });
  });

  describe('coverage judgements', () => {
    let today: string;
    beforeAll(() => {
      today = calendarDateIn(Date.now(), stack.config.CUSTOMER_TIME_ZONE);
    });
    // Dates months away from today's, so a midnight between the test's clock and the server's changes nothing.
    const equipment = (overrides: object = {}) => ({
      model: 'KFR-35GW',
      serialNumber: 'SN-35-0001',
      purchaseDate: addMonths(today, -3),
      proofRef: 'INV-0001',
      ...overrides,
    });

    it('judges CONTRACT for a valid contract', async () => {
      const validUntil = addDays(today, 60);
      const response = await judge({ equipment: equipment(), contract: { number: 'SC-7', validUntil } });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        coverage: 'CONTRACT',
        reason: `Covered by service contract SC-7, valid until ${validUntil}.`,
        catalogueVersion: expect.any(Number),
      });
      expect([today, addDays(today, 1)]).toContain(response.body.today);
    });

    it("judges IN_WARRANTY within the model's period, with its last day", async () => {
      const purchaseDate = addMonths(today, -3);
      const response = await judge({ equipment: equipment({ purchaseDate }) }, supervisor);
      expect(response.status).toBe(200);
      const warrantyEndsOn = addDays(addMonths(purchaseDate, 24), -1);
      expect(response.body).toMatchObject({
        coverage: 'IN_WARRANTY',
        warrantyEndsOn,
        reason: `In warranty: KFR-35GW's 24-month warranty from the purchase on ${purchaseDate} (proof INV-0001) covers through ${warrantyEndsOn}.`,
      });
    });

    it.each([
      [
        'an expired warranty',
        () => ({ equipment: equipment({ model: 'KFR-26GW', purchaseDate: addMonths(today, -13) }) }),
        /KFR-26GW's 12-month warranty .* ended on/,
      ],
      [
        'no proof of purchase',
        () => ({ equipment: equipment({ proofRef: undefined }) }),
        /no proof of purchase/,
      ],
      [
        'an unknown model',
        () => ({ equipment: equipment({ model: 'XYZ-9' }) }),
        /model XYZ-9 is not in the price catalogue/,
      ],
      ['no purchase date', () => ({ equipment: equipment({ purchaseDate: undefined }) }), /no purchase date/],
      [
        'an ended contract and no proof',
        () => ({
          equipment: equipment({ proofRef: undefined }),
          contract: { number: 'SC-OLD', validUntil: addMonths(today, -2) },
        }),
        /no proof of purchase .*\(service contract SC-OLD ended on/,
      ],
    ])('judges PAID for %s, saying why', async (_label, body, reason) => {
      const response = await judge(body());
      expect(response.status).toBe(200);
      expect(response.body.coverage).toBe('PAID');
      expect(response.body.reason).toMatch(reason);
    });

    it('refuses malformed dates with 400 and other roles with 403', async () => {
      const bad = await judge({
        equipment: equipment({ purchaseDate: '2024-02-30' }),
        contract: { number: ' ', validUntil: '31/12/2025' },
      });
      expect(bad.status).toBe(400);
      expect(fields(bad.body)).toEqual(['equipment.purchaseDate', 'contract.number', 'contract.validUntil']);
      expect((await judge({}, agent)).status).toBe(400);
      for (const user of [technician, finance, admin]) {
        expect((await judge({ equipment: equipment() }, user)).status).toBe(403);
      }
    });
  });
});
