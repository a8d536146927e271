import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per-day counter behind `SO-YYYYMMDD-NNNNNN`. */
@Entity({ name: 'order_number_counters' })
export class OrderNumberCounterEntity {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ name: 'last_value', type: 'int' })
  lastValue: number;
}
