import { ORDER_TYPES, ZONES } from './order';
import {
  amountDue,
  approvalLimit,
  catalogueProblems,
  diagnosisFeeDue,
  exceedsApproval,
  LABOUR_HOURS_CODE,
  priceEstimate,
  quoteRequired,
  selfBoughtPartProblem,
  toleranceBand,
  type PriceCatalogue,
  type PricedEstimate,
} from './pricing';

// Every order type × zone has a rate: 80.00/h in the city, 120.00/h outside; repairs 100.00 / 150.00.
function catalogue(overrides: Partial<PriceCatalogue> = {}): PriceCatalogue {
  return {
    version: 3,
    items: [
      {
        code: 'INSTALL-SPLIT',
        kind: 'LABOUR',
        description: 'Install a split unit',
        unitPrice: 20000,
        unit: 'job',
      },
      {
        code: 'CAP-35UF',
        kind: 'PART',
        description: 'Compressor capacitor 35 µF',
        unitPrice: 4550,
        unit: 'pc',
        warranty: '180d',
      },
      { code: 'PIPE-CU-6', kind: 'MATERIAL', description: 'Copper pipe 6 mm', unitPrice: 1235, unit: 'm' },
      { code: 'CLEAN', kind: 'SERVICE', description: 'Indoor unit cleaning', unitPrice: 6000, unit: 'job' },
    ],
    labourRates: ORDER_TYPES.flatMap((orderType) =>
      ZONES.map((zone) => ({
        orderType,
        zone,
        hourlyRate: (orderType === 'REPAIR' ? 10000 : 8000) * (zone === 'IN_CITY' ? 1 : 1.5),
      })),
    ),
    productModels: [{ model: 'KFR-35GW', warrantyMonths: 12 }],
    quoteSettings: {
      quoteRequiredAbove: 50000,
      estimateTolerancePercent: 10,
      selfBoughtTolerancePercent: 5,
      diagnosisFee: 5000,
    },
    ...overrides,
  };
}

describe(catalogueProblems.name, () => {
  it('finds nothing wrong with a complete catalogue', () => {
    expect(catalogueProblems(catalogue())).toEqual([]);
  });

  it('names each bad item field', () => {
    const base = catalogue();
    const problems = catalogueProblems({
      ...base,
      items: [
        ...base.items,
        { code: 'cap-35uf', kind: 'PART', description: 'Same code, other case', unitPrice: 1, unit: 'pc' },
        { code: 'labour_hours', kind: 'LABOUR', description: 'Reserved', unitPrice: 1, unit: 'h' },
        { code: 'has space', kind: 'SERVICE', description: 'x', unitPrice: 1, unit: 'job' },
        { code: '', kind: 'SERVICE', description: ' ', unitPrice: -1, unit: '' },
        { code: 'HALF-FEN', kind: 'TOOL' as never, description: 'x', unitPrice: 10.5, unit: 'pc' },
        { code: 'W1', kind: 'SERVICE', description: 'x', unitPrice: 1, unit: 'job', warranty: '30d' },
        { code: 'W2', kind: 'PART', description: 'x', unitPrice: 1, unit: 'pc', warranty: '1 year' },
        { code: 'W3', kind: 'PART', description: 'x', unitPrice: 1, unit: 'pc', warranty: null },
      ],
    });
    expect(problems).toEqual([
      { field: 'items[4].code', problem: 'duplicates the code of items[1] (CAP-35UF)' },
      { field: 'items[5].code', problem: 'LABOUR_HOURS is reserved for labour priced by the hour' },
      {
        field: 'items[6].code',
        problem: 'must be 1–50 letters, digits, . _ / or -, starting with a letter or digit',
      },
      { field: 'items[7].code', problem: 'must not be blank' },
      { field: 'items[7].description', problem: 'must not be blank' },
      { field: 'items[7].unitPrice', problem: 'must not be negative' },
      { field: 'items[7].unit', problem: 'must not be blank' },
      { field: 'items[8].kind', problem: 'must be one of LABOUR, PART, MATERIAL, SERVICE' },
      {
        field: 'items[8].unitPrice',
        problem: 'must be a whole number of minor units (e.g. 12345 for 123.45)',
      },
      { field: 'items[9].warranty', problem: 'only a PART carries its own warranty' },
      { field: 'items[10].warranty', problem: 'must be a duration such as 365d' },
    ]);
  });

  it('accepts a zero price (free items) and a part without its own warranty', () => {
    const base = catalogue();
    const free = { code: 'CHECK', kind: 'SERVICE' as const, description: 'Check', unitPrice: 0, unit: 'job' };
    expect(catalogueProblems({ ...base, items: [...base.items, free] })).toEqual([]);
  });

  it('wants one known rate for every order type and zone', () => {
    const base = catalogue();
    const [first, ...rest] = base.labourRates;
    const problems = catalogueProblems({
      ...base,
      labourRates: [
        ...rest.filter((rate) => !(rate.orderType === 'REPAIR' && rate.zone === 'OUT_OF_CITY')),
        { orderType: 'TRAINING', zone: 'IN_CITY', hourlyRate: 1 },
        { orderType: 'CLEANING' as never, zone: 'IN_CITY', hourlyRate: 1 },
        { orderType: 'REPAIR', zone: 'MOON' as never, hourlyRate: -5 },
      ],
    });
    expect(problems).toEqual([
      {
        field: 'labourRates[14]',
        problem: 'a second rate for TRAINING in IN_CITY (the first is labourRates[10])',
      },
      {
        field: 'labourRates[15].orderType',
        problem: `must be one of ${ORDER_TYPES.join(', ')}`,
      },
      { field: 'labourRates[16].zone', problem: 'must be one of IN_CITY, OUT_OF_CITY' },
      { field: 'labourRates[16].hourlyRate', problem: 'must not be negative' },
      {
        field: 'labourRates',
        problem: `no hourly rate for ${first.orderType} in ${first.zone}, REPAIR in OUT_OF_CITY`,
      },
    ]);
  });

  it('checks product models and quote settings', () => {
    const problems = catalogueProblems(
      catalogue({
        productModels: [
          { model: 'KFR-35GW', warrantyMonths: 12 },
          { model: ' kfr-35gw', warrantyMonths: 24 },
          { model: '', warrantyMonths: 1.5 },
          { model: 'OLD', warrantyMonths: 601 },
          { model: 'NONE', warrantyMonths: 0 },
        ],
        quoteSettings: {
          quoteRequiredAbove: -1,
          estimateTolerancePercent: 101,
          selfBoughtTolerancePercent: -0.5,
          diagnosisFee: 50.5,
        },
      }),
    );
    expect(problems).toEqual([
      { field: 'productModels[1].model', problem: 'duplicates productModels[0] (KFR-35GW)' },
      { field: 'productModels[2].model', problem: 'must not be blank' },
      { field: 'productModels[2].warrantyMonths', problem: 'must be a whole number of months from 0 to 600' },
      { field: 'productModels[3].warrantyMonths', problem: 'must be a whole number of months from 0 to 600' },
      { field: 'quoteSettings.quoteRequiredAbove', problem: 'must not be negative' },
      { field: 'quoteSettings.estimateTolerancePercent', problem: 'must be from 0 to 100' },
      { field: 'quoteSettings.selfBoughtTolerancePercent', problem: 'must be from 0 to 100' },
      {
        field: 'quoteSettings.diagnosisFee',
        problem: 'must be a whole number of minor units (e.g. 12345 for 123.45)',
      },
    ]);
  });
});

describe(priceEstimate.name, () => {
  it('itemises labour by the order type × zone rate, parts, materials and services', () => {
    const result = priceEstimate(
      [
        { labourHours: 1.5 },
        { code: 'CAP-35UF', quantity: 2 },
        { code: 'pipe-cu-6', quantity: 2.5 },
        { code: 'CLEAN', quantity: 1 },
        { code: 'INSTALL-SPLIT', quantity: 1 },
      ],
      catalogue(),
      { orderType: 'REPAIR', zone: 'OUT_OF_CITY' },
    );
    expect(result).toEqual({
      ok: true,
      estimate: {
        catalogueVersion: 3,
        orderType: 'REPAIR',
        zone: 'OUT_OF_CITY',
        lines: [
          {
            code: LABOUR_HOURS_CODE,
            kind: 'LABOUR',
            description: 'Labour, REPAIR OUT_OF_CITY hourly rate',
            unit: 'h',
            quantity: 1.5,
            unitPrice: 15000,
            amount: 22500,
          },
          {
            code: 'CAP-35UF',
            kind: 'PART',
            description: 'Compressor capacitor 35 µF',
            unit: 'pc',
            quantity: 2,
            unitPrice: 4550,
            amount: 9100,
          },
          // 2.5 m × 12.35 = 30.875 → 30.88
          {
            code: 'PIPE-CU-6',
            kind: 'MATERIAL',
            description: 'Copper pipe 6 mm',
            unit: 'm',
            quantity: 2.5,
            unitPrice: 1235,
            amount: 3088,
          },
          {
            code: 'CLEAN',
            kind: 'SERVICE',
            description: 'Indoor unit cleaning',
            unit: 'job',
            quantity: 1,
            unitPrice: 6000,
            amount: 6000,
          },
          {
            code: 'INSTALL-SPLIT',
            kind: 'LABOUR',
            description: 'Install a split unit',
            unit: 'job',
            quantity: 1,
            unitPrice: 20000,
            amount: 20000,
          },
        ],
        labour: 42500,
        parts: 9100,
        materials: 3088,
        services: 6000,
        total: 60688,
        approvalLimit: 66757, // 60688 + 6068.8 → 6069
        aboveQuoteThreshold: true,
      },
    });
  });

  it('prices labour hours by the rate of the order type and zone it is for', () => {
    const price = (orderType: 'REPAIR' | 'INSTALLATION', zone: 'IN_CITY' | 'OUT_OF_CITY') => {
      const result = priceEstimate([{ labourHours: 2 }], catalogue(), { orderType, zone });
      return result.ok ? result.estimate.labour : null;
    };
    expect(price('REPAIR', 'IN_CITY')).toBe(20000);
    expect(price('REPAIR', 'OUT_OF_CITY')).toBe(30000);
    expect(price('INSTALLATION', 'IN_CITY')).toBe(16000);
    expect(price('INSTALLATION', 'OUT_OF_CITY')).toBe(24000);
  });

  it('rounds each line, then sums the rounded lines', () => {
    // 0.5 m × 12.35 = 6.175 → 6.18 each; three lines 18.54 (not 18.525 → 18.53 from a rounded total)
    const result = priceEstimate(
      [0, 1, 2].map(() => ({ code: 'PIPE-CU-6', quantity: 0.5 })),
      catalogue(),
      { orderType: 'INSTALLATION', zone: 'IN_CITY' },
    );
    expect(result.ok && result.estimate.lines.map((line) => line.amount)).toEqual([618, 618, 618]);
    expect(result.ok && result.estimate.total).toBe(1854);
  });

  it('reports every line it cannot price, naming it', () => {
    const result = priceEstimate(
      [
        { code: 'CAP-35UF', quantity: 1 },
        { code: 'NOPE', quantity: 1 },
        { code: 'CAP-35UF', quantity: 1.5 },
        { code: 'CLEAN', quantity: 0 },
        { labourHours: -1 },
        { code: 'ALSO-NOPE', quantity: 2 },
      ],
      catalogue(),
      { orderType: 'REPAIR', zone: 'IN_CITY' },
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { field: 'lines[1].code', problem: 'no item NOPE in catalogue version 3' },
        { field: 'lines[2].quantity', problem: 'parts are counted in whole pc' },
        { field: 'lines[3].quantity', problem: 'must be greater than 0' },
        { field: 'lines[4].labourHours', problem: 'must be greater than 0' },
        { field: 'lines[5].code', problem: 'no item ALSO-NOPE in catalogue version 3' },
      ],
    });
  });

  it('says when the catalogue has no rate for the job (a definition catalogueProblems would refuse)', () => {
    const result = priceEstimate([{ labourHours: 1 }], catalogue({ labourRates: [] }), {
      orderType: 'REPAIR',
      zone: 'IN_CITY',
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'lines[0].labourHours',
          problem: 'catalogue version 3 has no hourly rate for REPAIR in IN_CITY',
        },
      ],
    });
  });

  it('is above the quote threshold only strictly above it', () => {
    const at = (amount: number) => {
      const result = priceEstimate(
        [{ code: 'CLEAN', quantity: 1 }],
        catalogue({
          items: [{ code: 'CLEAN', kind: 'SERVICE', description: 'x', unitPrice: amount, unit: 'job' }],
        }),
        { orderType: 'MAINTENANCE', zone: 'IN_CITY' },
      );
      return result.ok && result.estimate.aboveQuoteThreshold;
    };
    expect(at(50000)).toBe(false);
    expect(at(50001)).toBe(true);
  });

  it('prices an empty estimate at zero', () => {
    const result = priceEstimate([], catalogue(), { orderType: 'REPAIR', zone: 'IN_CITY' });
    expect(result.ok && result.estimate).toMatchObject({ lines: [], total: 0, approvalLimit: 0 });
  });
});

describe(quoteRequired.name, () => {
  const settings = catalogue().quoteSettings;
  it.each([
    ['PAID', 0, true],
    ['PAID', 100, true],
    ['IN_WARRANTY', 50000, false],
    ['IN_WARRANTY', 50001, true],
    ['CONTRACT', 10000, false],
    ['CONTRACT', 60000, true],
  ] as const)('%s work estimated at %i → %p', (coverage, total, expected) => {
    expect(quoteRequired(coverage, total, settings)).toBe(expected);
  });
});

describe(exceedsApproval.name, () => {
  it.each([
    [55000, 50000, 10, false], // exactly +10%
    [55001, 50000, 10, true],
    [50000, 50000, 10, false],
    [1, 50000, 10, false], // below the estimate never needs approval
    [369, 335, 10, false], // 10% of 3.35 is 0.335 → 0.34: the limit is 3.69
    [370, 335, 10, true],
    [366, 333, 10, false], // 0.333 → 0.33: 3.66
    [367, 333, 10, true],
    [1, 0, 10, true], // nothing approved: any charge needs approval
    [0, 0, 10, false],
    [50001, 50000, 0, true], // no tolerance
  ])('final %i against approved %i at %d%% → %p', (finalTotal, approved, tolerance, expected) => {
    expect(exceedsApproval(finalTotal, approved, tolerance)).toBe(expected);
  });

  it('has the limit it compares against', () => {
    expect(approvalLimit(50000, 10)).toBe(55000);
    expect(approvalLimit(335, 10)).toBe(369);
  });
});

describe(selfBoughtPartProblem.name, () => {
  it('accepts an invoice within ±5% of the catalogue price, bounds included', () => {
    expect(toleranceBand(10000, 5)).toEqual({ min: 9500, max: 10500 });
    for (const invoice of [9500, 9999, 10000, 10500]) {
      expect(selfBoughtPartProblem(invoice, 10000, 5)).toBeNull();
    }
  });

  it('sends an invoice outside the band to a supervisor, either way', () => {
    expect(selfBoughtPartProblem(10501, 10000, 5)).toBe(
      "the invoice is 5% above the catalogue price; ±5% is allowed without a supervisor's approval",
    );
    expect(selfBoughtPartProblem(9499, 10000, 5)).toBe(
      "the invoice is 5% below the catalogue price; ±5% is allowed without a supervisor's approval",
    );
    expect(selfBoughtPartProblem(12000, 10000, 5)).toBe(
      "the invoice is 20% above the catalogue price; ±5% is allowed without a supervisor's approval",
    );
    expect(selfBoughtPartProblem(4550 + 300, 4550, 5)).toBe(
      "the invoice is 6.6% above the catalogue price; ±5% is allowed without a supervisor's approval",
    );
  });

  it('rounds the allowance half-up in minor units', () => {
    // 5% of 45.50 is 2.275 → 2.28: 47.78 passes, 47.79 does not
    expect(selfBoughtPartProblem(4778, 4550, 5)).toBeNull();
    expect(selfBoughtPartProblem(4779, 4550, 5)).not.toBeNull();
    expect(selfBoughtPartProblem(4322, 4550, 5)).toBeNull();
    expect(selfBoughtPartProblem(4321, 4550, 5)).not.toBeNull();
  });

  it('handles a free catalogue item', () => {
    expect(selfBoughtPartProblem(0, 0, 5)).toBeNull();
    expect(selfBoughtPartProblem(100, 0, 5)).toBe(
      "the catalogue price is 0 and the invoice is not; ±5% is allowed without a supervisor's approval",
    );
  });
});

describe(diagnosisFeeDue.name, () => {
  it('charges the diagnosis fee for declined paid work only', () => {
    const settings = catalogue().quoteSettings;
    expect(diagnosisFeeDue('PAID', settings)).toBe(5000);
    expect(diagnosisFeeDue('IN_WARRANTY', settings)).toBe(0);
    expect(diagnosisFeeDue('CONTRACT', settings)).toBe(0);
    expect(diagnosisFeeDue('PAID', { ...settings, diagnosisFee: 0 })).toBe(0);
  });
});

describe(amountDue.name, () => {
  const estimate = (lines: Parameters<typeof priceEstimate>[0]): PricedEstimate => {
    const result = priceEstimate(lines, catalogue(), { orderType: 'REPAIR', zone: 'IN_CITY' });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.estimate;
  };
  const approvedEstimate = estimate([{ labourHours: 2 }, { code: 'CAP-35UF', quantity: 1 }]);
  const addition = estimate([
    { code: 'PIPE-CU-6', quantity: 3 },
    { code: 'CAP-35UF', quantity: 1 },
  ]);

  it('bills paid work as approved, parts as used: labour, parts and materials itemised', () => {
    const due = amountDue({
      approvedEstimate,
      approvedAdditions: [addition],
      partsBookedOut: [{ code: 'CAP-35UF', quantity: 2 }],
      coverage: 'PAID',
    });
    expect(due.lines.map((line) => [line.code, line.quantity, line.amount])).toEqual([
      [LABOUR_HOURS_CODE, 2, 20000],
      ['CAP-35UF', 1, 4550],
      ['PIPE-CU-6', 3, 3705],
      ['CAP-35UF', 1, 4550],
    ]);
    const expected = { labour: 20000, parts: 9100, materials: 3705, services: 0, total: 32805 };
    expect(due.worth).toEqual(expected);
    expect(due.due).toEqual(expected);
    expect(due.unapprovedParts).toEqual([]);
  });

  it('does not bill an approved part that was not used', () => {
    const due = amountDue({
      approvedEstimate,
      approvedAdditions: [addition],
      partsBookedOut: [{ code: 'CAP-35UF', quantity: 1 }],
      coverage: 'PAID',
    });
    expect(due.due.parts).toBe(4550);
    expect(due.lines.filter((line) => line.kind === 'PART')).toHaveLength(1);
  });

  it('lists parts used beyond the approval instead of billing them', () => {
    const due = amountDue({
      approvedEstimate,
      approvedAdditions: [],
      partsBookedOut: [
        { code: 'CAP-35UF', quantity: 1 },
        { code: 'cap-35uf', quantity: 2 },
        { code: 'FAN-MOTOR', quantity: 1 },
      ],
      coverage: 'PAID',
    });
    expect(due.due).toEqual({ labour: 20000, parts: 4550, materials: 0, services: 0, total: 24550 });
    expect(due.unapprovedParts).toEqual([
      { code: 'CAP-35UF', quantity: 2 },
      { code: 'FAN-MOTOR', quantity: 1 },
    ]);
  });

  it.each(['IN_WARRANTY', 'CONTRACT'] as const)(
    'settles %s work at zero, showing what it was worth',
    (coverage) => {
      const due = amountDue({
        approvedEstimate,
        approvedAdditions: [addition],
        partsBookedOut: [{ code: 'CAP-35UF', quantity: 2 }],
        coverage,
      });
      expect(due.worth.total).toBe(32805);
      expect(due.due).toEqual({ labour: 0, parts: 0, materials: 0, services: 0, total: 0 });
    },
  );

  it('is zero with nothing approved', () => {
    const due = amountDue({
      approvedEstimate: null,
      approvedAdditions: [],
      partsBookedOut: [],
      coverage: 'PAID',
    });
    expect(due.due.total).toBe(0);
    expect(due.lines).toEqual([]);
  });
});
