import { MigrationInterface, QueryRunner } from 'typeorm';

// The price catalogue (PriceCatalogueEntity, src/domain/pricing.ts), one row per version, and its version 1:
// defaults for an air-conditioner installation and repair business, amounts in fen (CNY minor units).
// Written out here rather than built from code so this migration inserts the same row forever.
const HOURLY_RATES: Record<string, { IN_CITY: number; OUT_OF_CITY: number }> = {
  INSTALLATION: { IN_CITY: 8000, OUT_OF_CITY: 12000 },
  REPAIR: { IN_CITY: 10000, OUT_OF_CITY: 15000 },
  MAINTENANCE: { IN_CITY: 8000, OUT_OF_CITY: 12000 },
  INSPECTION: { IN_CITY: 6000, OUT_OF_CITY: 9000 },
  UPGRADE: { IN_CITY: 10000, OUT_OF_CITY: 15000 },
  TESTING: { IN_CITY: 6000, OUT_OF_CITY: 9000 },
  TRAINING: { IN_CITY: 5000, OUT_OF_CITY: 8000 },
  // A complaint visit is the company's own follow-up: its time is not billed.
  COMPLAINT: { IN_CITY: 0, OUT_OF_CITY: 0 },
};

export const PRICE_CATALOGUE_V1 = {
  items: [
    {
      code: 'AC-INSTALL-WALL',
      kind: 'LABOUR',
      description: 'Install a wall-mounted split air conditioner (up to 3 m of pipe)',
      unitPrice: 20000,
      unit: 'job',
    },
    {
      code: 'AC-INSTALL-CABINET',
      kind: 'LABOUR',
      description: 'Install a floor-standing cabinet air conditioner (up to 5 m of pipe)',
      unitPrice: 30000,
      unit: 'job',
    },
    {
      code: 'AC-UNINSTALL',
      kind: 'LABOUR',
      description: 'Remove an air conditioner and recover its refrigerant',
      unitPrice: 10000,
      unit: 'job',
    },
    {
      code: 'AC-CAP-35UF',
      kind: 'PART',
      description: 'Compressor run capacitor 35 µF',
      unitPrice: 4500,
      unit: 'pc',
      warranty: '180d',
    },
    {
      code: 'AC-FAN-MOTOR-IN',
      kind: 'PART',
      description: 'Indoor unit fan motor',
      unitPrice: 18000,
      unit: 'pc',
      warranty: '365d',
    },
    {
      code: 'AC-PCB-MAIN',
      kind: 'PART',
      description: 'Indoor unit main control board',
      unitPrice: 32000,
      unit: 'pc',
      warranty: '365d',
    },
    {
      code: 'AC-COMPRESSOR-1P5',
      kind: 'PART',
      description: 'Rotary compressor, 1.5 HP',
      unitPrice: 120000,
      unit: 'pc',
      warranty: '730d',
    },
    {
      code: 'AC-REMOTE',
      kind: 'PART',
      description: 'Remote control',
      unitPrice: 5000,
      unit: 'pc',
      warranty: '90d',
    },
    {
      code: 'AC-PIPE-CU',
      kind: 'MATERIAL',
      description: 'Insulated copper pipe pair 6.35/9.52 mm, per metre beyond the included length',
      unitPrice: 7000,
      unit: 'm',
    },
    {
      code: 'AC-CABLE',
      kind: 'MATERIAL',
      description: 'Power and signal cable, per metre',
      unitPrice: 1000,
      unit: 'm',
    },
    {
      code: 'AC-BRACKET',
      kind: 'MATERIAL',
      description: 'Outdoor unit wall bracket, galvanised',
      unitPrice: 8000,
      unit: 'pc',
    },
    {
      code: 'AC-R32',
      kind: 'MATERIAL',
      description: 'R32 refrigerant top-up, per kg',
      unitPrice: 15000,
      unit: 'kg',
    },
    {
      code: 'AC-CLEAN',
      kind: 'SERVICE',
      description: 'Deep clean of the indoor unit (coil, filter, drain tray)',
      unitPrice: 8000,
      unit: 'job',
    },
    {
      code: 'AC-LEAK-TEST',
      kind: 'SERVICE',
      description: 'Refrigerant leak test with nitrogen',
      unitPrice: 5000,
      unit: 'job',
    },
    {
      code: 'AC-HEIGHT',
      kind: 'SERVICE',
      description: 'Work at height surcharge (outdoor unit above the second floor)',
      unitPrice: 10000,
      unit: 'job',
    },
  ],
  labourRates: Object.entries(HOURLY_RATES).flatMap(([orderType, rates]) =>
    Object.entries(rates).map(([zone, hourlyRate]) => ({ orderType, zone, hourlyRate })),
  ),
  productModels: [
    { model: 'KFR-26GW', warrantyMonths: 12 },
    { model: 'KFR-35GW', warrantyMonths: 24 },
    { model: 'KFR-72LW', warrantyMonths: 36 },
  ],
  quoteSettings: {
    quoteRequiredAbove: 50000,
    estimateTolerancePercent: 10,
    selfBoughtTolerancePercent: 5,
    diagnosisFee: 5000,
  },
};

export class PriceCatalogues1795436800000 implements MigrationInterface {
  name = 'PriceCatalogues1795436800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "price_catalogues" ("version" integer NOT NULL, "definition" jsonb NOT NULL, "created_by" character varying(100), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dddbc500876edd2a4462c7d61f1" PRIMARY KEY ("version"))`,
    );
    await queryRunner.query(
      `INSERT INTO "price_catalogues" ("version", "definition", "created_by") VALUES (1, $1::jsonb, 'seed')`,
      [JSON.stringify(PRICE_CATALOGUE_V1)],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "price_catalogues"`);
  }
}
