import { MigrationInterface, QueryRunner } from 'typeorm';

// The SLA defaults of SPEC §3 as version 1 of every order type's policy. Written out here rather than
// imported from src/domain so that this migration inserts the same rows forever, whatever the code
// defaults become later.
const COMMON = {
  version: 1,
  calendar: null,
  onAcceptanceWindowExpiry: 'AUTO_ACCEPT',
  maxReworks: 2,
  pauseWhileWaitingParts: true,
  checkInRadiusMeters: 500,
  approvalRequired: { amountOver: 5000, priorities: ['URGENT'], types: ['COMPLAINT'], vipCustomer: true },
};

const TARGETS = {
  infoCompletion: '4h',
  review: '2h',
  approval: '4h',
  dispatch: { URGENT: '30m', HIGH: '2h', NORMAL: '4h', LOW: '8h' },
  technicianAcceptance: '30m',
  firstContact: '2h',
  progressReply: '6h',
  chaseResponse: '1h',
  qc: '1d',
  customerAcceptanceWindow: '3d',
  callback: '3d',
  feedbackClosure: '3d',
  closureReminderEvery: '1d',
  settlement: '7d',
  warranty: '90d',
};

const SHORT = { IN_CITY: '24h', OUT_OF_CITY: '48h' };
const LONG = { IN_CITY: '3d', OUT_OF_CITY: '7d' };

const COMPLETION_BY_TYPE: Record<string, { IN_CITY: string; OUT_OF_CITY: string }> = {
  INSTALLATION: SHORT,
  REPAIR: LONG,
  MAINTENANCE: SHORT,
  INSPECTION: SHORT,
  UPGRADE: LONG,
  TESTING: SHORT,
  TRAINING: LONG,
  COMPLAINT: SHORT,
};

export class SeedDefaultPolicies1795435669417 implements MigrationInterface {
  name = 'SeedDefaultPolicies1795435669417';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [orderType, completion] of Object.entries(COMPLETION_BY_TYPE)) {
      const definition = { orderType, ...COMMON, targets: { ...TARGETS, completion } };
      await queryRunner.query(
        `INSERT INTO "sla_policies" ("order_type", "version", "definition", "created_by")
         VALUES ($1, 1, $2::jsonb, 'seed') ON CONFLICT ("order_type", "version") DO NOTHING`,
        [orderType, JSON.stringify(definition)],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "sla_policies" WHERE "version" = 1 AND "created_by" = 'seed'`);
  }
}
