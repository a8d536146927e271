import type { OrderCoverage } from './order';
import {
  approvedTotal,
  coverageOf,
  declinedQuoteDue,
  DIAGNOSIS_FEE_CODE,
  finalPrice,
  newApprovalProblem,
  priceAgreedAtIntake,
  quoteRequiredBeforeWork,
  selfBoughtCheck,
  type ApprovedWork,
} from './priced-work';
import {
  amountDue,
  quoteRequired,
  type CatalogueItemKind,
  type PricedLine,
  type QuoteSettings,
} from './pricing';

const settings: QuoteSettings = {
  quoteRequiredAbove: 50000,
  estimateTolerancePercent: 10,
  selfBoughtTolerancePercent: 5,
  diagnosisFee: 5000,
};

function judged(coverage: OrderCoverage['coverage']): OrderCoverage {
  return { coverage, reason: 'judged at intake', warrantyEndsOn: null, catalogueVersion: 1 };
}

function line(code: string, kind: CatalogueItemKind, quantity: number, unitPrice: number): PricedLine {
  return {
    code,
    kind,
    description: code,
    unit: kind === 'PART' ? 'pc' : 'job',
    quantity,
    unitPrice,
    amount: quantity * unitPrice,
  };
}

function estimate(...lines: PricedLine[]) {
  return { lines, total: lines.reduce((sum, l) => sum + l.amount, 0) };
}

const labour = line('AC-INSTALL-WALL', 'LABOUR', 1, 20000);
const pcb = line('AC-PCB-MAIN', 'PART', 1, 32000);
const pipe = line('AC-PIPE-CU', 'MATERIAL', 2, 7000);
const cleaning = line('AC-CLEAN', 'SERVICE', 1, 8000);

describe(coverageOf.name, () => {
  it('takes the coverage judged at intake', () => {
    expect(coverageOf({ coverage: judged('CONTRACT') })).toBe('CONTRACT');
    // The judgement wins over the older warranty flag.
    expect(coverageOf({ coverage: judged('PAID'), isWarranty: true })).toBe('PAID');
  });

  it('reads an order taken before coverage was judged: warranty claims free, the rest paid', () => {
    expect(coverageOf({ isWarranty: true })).toBe('IN_WARRANTY');
    expect(coverageOf({ isWarranty: false })).toBe('PAID');
    expect(coverageOf({})).toBe('PAID');
  });
});

describe(priceAgreedAtIntake.name, () => {
  const item = { code: 'AC-INSTALL-WALL', description: 'Install', quantity: 1, unitPrice: 200 };

  it('is a price when the intake has service items and a total above zero', () => {
    expect(priceAgreedAtIntake({ serviceItems: [item], totalAmount: 200 })).toBe(true);
  });

  it('is no price without items or with a zero total', () => {
    expect(priceAgreedAtIntake({ serviceItems: [], totalAmount: 200 })).toBe(false);
    expect(priceAgreedAtIntake({ serviceItems: [item], totalAmount: 0 })).toBe(false);
    expect(priceAgreedAtIntake({ serviceItems: [], totalAmount: 0 })).toBe(false);
  });
});

describe(quoteRequiredBeforeWork.name, () => {
  const item = { code: 'AC-INSTALL-WALL', description: 'Install', quantity: 1, unitPrice: 200 };

  it('holds paid work with no price agreed at intake', () => {
    expect(quoteRequiredBeforeWork({ coverage: judged('PAID'), serviceItems: [], totalAmount: 0 })).toBe(
      true,
    );
    expect(quoteRequiredBeforeWork({ coverage: judged('PAID'), serviceItems: [item], totalAmount: 0 })).toBe(
      true,
    );
  });

  it('lets a fixed-price order, covered work and orders without a coverage judgement work', () => {
    expect(
      quoteRequiredBeforeWork({ coverage: judged('PAID'), serviceItems: [item], totalAmount: 200 }),
    ).toBe(false);
    expect(
      quoteRequiredBeforeWork({ coverage: judged('IN_WARRANTY'), serviceItems: [], totalAmount: 0 }),
    ).toBe(false);
    expect(quoteRequiredBeforeWork({ coverage: judged('CONTRACT'), serviceItems: [], totalAmount: 0 })).toBe(
      false,
    );
    expect(quoteRequiredBeforeWork({ serviceItems: [], totalAmount: 0 })).toBe(false);
  });
});

describe(quoteRequired.name, () => {
  it('asks the customer for paid work whatever its total', () => {
    expect(quoteRequired('PAID', 0, settings)).toBe(true);
    expect(quoteRequired('PAID', 100, settings)).toBe(true);
  });

  it('asks for covered work only above the threshold', () => {
    for (const coverage of ['IN_WARRANTY', 'CONTRACT'] as const) {
      expect(quoteRequired(coverage, 50000, settings)).toBe(false);
      expect(quoteRequired(coverage, 50001, settings)).toBe(true);
    }
  });
});

describe(approvedTotal.name, () => {
  it('adds the approved quote and every approved addition', () => {
    expect(
      approvedTotal({ quote: estimate(labour, pcb), additions: [estimate(pipe), estimate(cleaning)] }),
    ).toBe(20000 + 32000 + 14000 + 8000);
  });

  it('is the additions alone without a quote, and 0 for nothing approved', () => {
    expect(approvedTotal({ quote: null, additions: [estimate(pipe)] })).toBe(14000);
    expect(approvedTotal({ quote: null, additions: [] })).toBe(0);
  });
});

describe(finalPrice.name, () => {
  const work: ApprovedWork = { quote: estimate(labour, pcb), additions: [estimate(pipe)] };

  it('prices labour, materials and services as approved and parts as used', () => {
    expect(finalPrice(work, [{ kind: 'PART', amount: 32000 }])).toBe(20000 + 14000 + 32000);
    // An approved part left unused costs nothing; a part used beyond the quote costs its price.
    expect(finalPrice(work, [])).toBe(34000);
    expect(
      finalPrice(work, [
        { kind: 'PART', amount: 32000 },
        { kind: 'PART', amount: 4500 },
      ]),
    ).toBe(34000 + 36500);
  });

  it('is the parts used alone when nothing was approved', () => {
    expect(finalPrice({ quote: null, additions: [] }, [{ kind: 'PART', amount: 4500 }])).toBe(4500);
  });
});

describe(newApprovalProblem.name, () => {
  // 1 000.00 approved (labour 200.00, main PCB 320.00, cleaning 80.00, cable 400.00): limit +10% = 1 100.00.
  const cable = line('AC-CABLE', 'MATERIAL', 40, 1000);
  const work: ApprovedWork = { quote: estimate(labour, pcb, cleaning, cable), additions: [] };
  const nonParts = 20000 + 8000 + 40000;

  it('passes a final price exactly at the 110 % limit', () => {
    expect(newApprovalProblem(work, [{ kind: 'PART', amount: 110000 - nonParts }], 10)).toBeNull();
  });

  it('refuses a final price one minor unit above the limit, naming the figures', () => {
    expect(newApprovalProblem(work, [{ kind: 'PART', amount: 110001 - nonParts }], 10)).toEqual({
      finalPrice: 110001,
      approvedTotal: 100000,
      limit: 110000,
    });
  });

  it('passes a price below what was approved', () => {
    expect(newApprovalProblem(work, [], 10)).toBeNull();
  });

  it('counts approved additions in the approved total and the limit', () => {
    const more: ApprovedWork = { ...work, additions: [estimate(pipe)] };
    // 1 140.00 approved: limit 1 254.00.
    expect(newApprovalProblem(more, [{ kind: 'PART', amount: 125400 - nonParts - 14000 }], 10)).toBeNull();
    expect(newApprovalProblem(more, [{ kind: 'PART', amount: 125401 - nonParts - 14000 }], 10)).toEqual({
      finalPrice: 125401,
      approvedTotal: 114000,
      limit: 125400,
    });
  });

  it('rounds the limit half-up in minor units', () => {
    // 10% of 100.05 is 10.005 → 10.01: limit 110.06.
    const odd: ApprovedWork = { quote: estimate(line('X', 'LABOUR', 1, 10005)), additions: [] };
    expect(newApprovalProblem(odd, [{ kind: 'PART', amount: 1001 }], 10)).toBeNull();
    expect(newApprovalProblem(odd, [{ kind: 'PART', amount: 1002 }], 10)?.limit).toBe(11006);
  });

  it('holds nothing when no work was approved', () => {
    expect(
      newApprovalProblem({ quote: null, additions: [] }, [{ kind: 'PART', amount: 999999 }], 10),
    ).toBeNull();
  });
});

describe(selfBoughtCheck.name, () => {
  // Two fan motors at 180.00: 360.00, ±5% = 342.00 … 378.00.
  const part = (invoiceAmount: number) => ({ quantity: 2, invoiceAmount });

  it('passes an invoice within the tolerance of the catalogue price × quantity, bounds included', () => {
    for (const invoice of [34200, 36000, 37800]) {
      expect(selfBoughtCheck(part(invoice), 18000, settings)).toBeNull();
    }
  });

  it('sends one minor unit beyond either bound to a supervisor', () => {
    expect(selfBoughtCheck(part(37801), 18000, settings)).toMatch(/above the catalogue price/);
    expect(selfBoughtCheck(part(34199), 18000, settings)).toMatch(/below the catalogue price/);
  });

  it('uses the catalogue’s tolerance', () => {
    expect(selfBoughtCheck(part(37801), 18000, { selfBoughtTolerancePercent: 10 })).toBeNull();
    expect(selfBoughtCheck(part(36001), 18000, { selfBoughtTolerancePercent: 0 })).not.toBeNull();
  });
});

describe(declinedQuoteDue.name, () => {
  it('leaves the diagnosis fee due on paid work, as one service line', () => {
    const due = declinedQuoteDue('PAID', settings);
    expect(due.lines).toEqual([
      {
        code: DIAGNOSIS_FEE_CODE,
        kind: 'SERVICE',
        description: 'Diagnosis fee (quote declined)',
        unit: 'job',
        quantity: 1,
        unitPrice: 5000,
        amount: 5000,
      },
    ]);
    expect(due.due).toEqual({ labour: 0, parts: 0, materials: 0, services: 5000, total: 5000 });
    expect(due.worth).toEqual(due.due);
    expect(due.coverage).toBe('PAID');
    expect(due.unapprovedParts).toEqual([]);
  });

  it('leaves nothing due on covered work, nor when the catalogue charges no fee', () => {
    for (const due of [
      declinedQuoteDue('IN_WARRANTY', settings),
      declinedQuoteDue('CONTRACT', settings),
      declinedQuoteDue('PAID', { ...settings, diagnosisFee: 0 }),
    ]) {
      expect(due.lines).toEqual([]);
      expect(due.due.total).toBe(0);
      expect(due.worth.total).toBe(0);
    }
  });
});

describe(amountDue.name, () => {
  const work: ApprovedWork = {
    quote: estimate(labour, line('AC-PCB-MAIN', 'PART', 2, 32000)),
    additions: [estimate(pipe)],
  };

  it('bills approved work and the approved parts used; a part used beyond approval is listed, not billed', () => {
    const due = amountDue({
      coverage: 'PAID',
      approvedEstimate: work.quote,
      approvedAdditions: work.additions,
      partsBookedOut: [
        { code: 'AC-PCB-MAIN', quantity: 1 },
        { code: 'AC-CAP-35UF', quantity: 1 },
      ],
    });
    expect(due.lines.map((l) => [l.code, l.quantity, l.amount])).toEqual([
      ['AC-INSTALL-WALL', 1, 20000],
      ['AC-PCB-MAIN', 1, 32000],
      ['AC-PIPE-CU', 2, 14000],
    ]);
    expect(due.due).toEqual({ labour: 20000, parts: 32000, materials: 14000, services: 0, total: 66000 });
    expect(due.unapprovedParts).toEqual([{ code: 'AC-CAP-35UF', quantity: 1 }]);
  });

  it('settles covered work at zero while showing what it was worth', () => {
    const due = amountDue({
      coverage: 'IN_WARRANTY',
      approvedEstimate: work.quote,
      approvedAdditions: work.additions,
      partsBookedOut: [{ code: 'AC-PCB-MAIN', quantity: 2 }],
    });
    expect(due.worth.total).toBe(20000 + 64000 + 14000);
    expect(due.due.total).toBe(0);
    expect(due.coverage).toBe('IN_WARRANTY');
  });

  it('bills the additions alone when there is no quote', () => {
    const due = amountDue({
      coverage: 'PAID',
      approvedEstimate: null,
      approvedAdditions: [estimate(cleaning)],
      partsBookedOut: [],
    });
    expect(due.due.total).toBe(8000);
  });
});
