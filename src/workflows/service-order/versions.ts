// The patch markers that tell which code a run's history was written by (docs/durability.md, "Changing
// the workflow safely" in the README). A run keeps what it started with; continue-as-new carries it.

/**
 * Marks the runs that issue every command from the loop's turn. Runs started before it (no marker in their
 * history) keep replaying on the frozen legacy code: their histories hold that code's command order.
 */
export const SINGLE_COMMAND_ISSUER = 'single-command-issuer';

/** Marks the runs that follow the lifecycle rules made right (`OrderContext.rulesV2`, issue 10). */
export const LIFECYCLE_RULES_V2 = 'lifecycle-rules-v2';

/**
 * Marks the runs whose turns issue no command that changes nothing: the search attributes the run was
 * started with are not upserted again, and the timer of the next deadline event keeps running across
 * turns instead of being cancelled and started again on every wake (issue 12, fewer events per change).
 */
export const QUIET_TURNS = 'quiet-turns';

/**
 * Marks the runs that message the customer (issue 14): timeline steps queue customer messages, which the
 * loop sends through the `notifyCustomer` activity, and the customer may answer the feedback request and
 * ask for a fresh link.
 */
export const CUSTOMER_MESSAGES = 'customer-messages';

/**
 * Marks the runs that price their work (issue 11): quotes and added work the customer answers, parts
 * reserved from stock and booked out, payment on site, and settlement from the order's ledger.
 */
export const PRICED_WORK = 'priced-work';
