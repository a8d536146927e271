import * as messages from '../workflows/service-order/service-order.messages';
import { commandRoles, ORDER_COMMANDS, type OrderCommand } from './commands';
import { STAFF_ROLES, type StaffRole } from './order';
import { ORDER_ACTIONS, TRANSITIONS, type OrderAction } from './transitions';

const COMMANDS = Object.keys(ORDER_COMMANDS) as OrderCommand[];
const actionsOf = (command: OrderCommand): readonly OrderAction[] => ORDER_COMMANDS[command].actions;
const staffRolesOf = (action: OrderAction): StaffRole[] =>
  TRANSITIONS[action].roles.filter((role): role is StaffRole =>
    (STAFF_ROLES as readonly string[]).includes(role),
  );

describe(commandRoles.name, () => {
  it.each(COMMANDS.filter((command) => !('alsoOwner' in ORDER_COMMANDS[command])))(
    '%s: exactly the staff roles of its actions in TRANSITIONS',
    (command) => {
      const expected = new Set(actionsOf(command).flatMap(staffRolesOf));
      expect(new Set(commandRoles(command))).toEqual(expected);
    },
  );

  it('resolveFeedback: the roles of its actions first, then every other staff role but admin (the case owner)', () => {
    const own = staffRolesOf('RESOLVE_FEEDBACK');
    const roles = commandRoles('resolveFeedback');
    expect(roles.slice(0, own.length)).toEqual(own);
    expect(new Set(roles)).toEqual(new Set(STAFF_ROLES.filter((role) => role !== 'admin')));
  });

  it('customerAcceptance has no staff role (customer token only)', () => {
    expect(commandRoles('customerAcceptance')).toEqual([]);
  });

  it('keeps the role order of TRANSITIONS: a multi-role user acts in the first one they hold', () => {
    expect(commandRoles('assign')).toEqual(['dispatcher', 'supervisor']);
    expect(commandRoles('cancel')).toEqual(['agent', 'supervisor']);
  });

  it('never lists admin (read-only) and never repeats a role', () => {
    for (const command of COMMANDS) {
      const roles = commandRoles(command);
      expect({ command, admin: roles.includes('admin') }).toEqual({ command, admin: false });
      expect(new Set(roles).size).toBe(roles.length);
    }
  });
});

describe('ORDER_COMMANDS', () => {
  it('gives every action someone may take (not system-only) to exactly one command', () => {
    const homes = new Map<OrderAction, OrderCommand[]>();
    for (const command of COMMANDS)
      for (const action of actionsOf(command)) homes.set(action, [...(homes.get(action) ?? []), command]);
    for (const action of ORDER_ACTIONS) {
      const systemOnly = TRANSITIONS[action].roles.length === 0;
      expect({ action, commands: homes.get(action)?.length ?? 0 }).toEqual({
        action,
        commands: systemOnly ? 0 : 1,
      });
    }
  });

  // sendCustomerLink is no order action: the customer asks for a fresh link with the expired one.
  it('is keyed by the Temporal Update names but sendCustomerLink, plus warrantyClaim (a new order, no Update)', () => {
    const updateNames = (Object.values(messages) as unknown[])
      .filter(
        (value): value is { type: 'update'; name: string } =>
          typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'update',
      )
      .map((update) => update.name)
      .filter((name) => name !== 'sendCustomerLink');
    expect(new Set(COMMANDS)).toEqual(new Set([...updateNames, 'warrantyClaim']));
  });
});
