// The business rules of a service order, pure and deterministic (safe inside Temporal workflows: no
// I/O, no clock, no randomness; time comes in as a parameter). Where each rule lives:
// order.ts — statuses, types, priorities, roles, order details, intake completeness, order numbers;
// transitions.ts — the state machine: who may do which action from which status, and where it leads;
// duration.ts — `90s`/`4h`/`1d12h` strings; sla-policy.ts — per-type SLA targets, defaults, validation;
// complexity.ts — when an order needs supervisor approval; business-calendar.ts — working hours,
// holidays and time zones; sla-clock.ts — one stage's budget with pauses and re-targeting;
// lifecycle.ts — status→deadline stage, feedback-case triggers, the rework limit;
// escalation-ladder.ts — SLA stages, responsible roles, 80/100/150/200% ladder and its recipients;
// assignment-scoring.ts — automatic dispatch filters and scores; geo.ts — distances and the check-in
// radius; warranty.ts — whether an after-sales claim is still covered; field-problem.ts — the
// `{field, problem}` shape every validator returns; customer-messages.ts — what the customer is sent and
// shown; self-service.ts — the customer's own request and its one-time code; phone.ts (not re-exported here: it carries phone metadata the workflow bundle need not hold) —
// phone numbers to E.164; money.ts — integer minor units, parsing, display, exact percentages;
// pricing.ts — the price catalogue, estimates, tolerance rules, the amount due; coverage.ts — paid,
// contract or in-warranty work, judged from the equipment and the calendar date; priced-work.ts — when a
// quote needs the customer, the final-price tolerance, self-bought parts, the order's ledger.
export * from './assignment-scoring';
export * from './business-calendar';
export * from './commands';
export * from './complexity';
export * from './coverage';
export * from './customer-messages';
export * from './duration';
export * from './escalation-ladder';
export * from './field-problem';
export * from './geo';
export * from './lifecycle';
export * from './money';
export * from './order';
export * from './overdue';
export * from './priced-work';
export * from './pricing';
export * from './region';
export * from './self-service';
export * from './sla-clock';
export * from './sla-policy';
export * from './transitions';
export * from './visibility';
export * from './warranty';
