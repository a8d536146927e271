// Who hears about a step: the responsible person, then the roles above them (SPEC §3), by role and region.
import { recipientRolesFor, sameRegion, type Role } from '../domain';
import type { EscalationStep, NotifyInput, RecipientView } from '../activities/notification.contract';

/** Roles whose members work for one region; for these the order's region picks the people. */
export const REGION_SCOPED_ROLES: ReadonlySet<Role> = new Set<Role>(['dispatcher', 'technician']);

/** The columns of a user that recipient resolution reads. */
export interface CandidateUser {
  id: string;
  username: string;
  roles: string[];
  region: string | null;
  email: string | null;
  active: boolean;
}

export interface ResolvedRecipient extends RecipientView {
  email: string | null;
}

export interface RecipientRequest {
  /** Named people; `role` is the capacity they are notified in (defaults to their first role). */
  people: { userId: string; role?: Role }[];
  /** Roles to notify, in ladder order. */
  roles: Role[];
  region: string | null;
}

/** The escalation ladder step as a request: the responsible person stands in for the responsible role. */
export function escalationRequest(step: EscalationStep): RecipientRequest {
  const roles = recipientRolesFor(step.stage, step.level);
  if (step.responsibleUserId === null) return { people: [], roles, region: step.region };
  const [responsibleRole, ...above] = roles;
  return {
    people: [{ userId: step.responsibleUserId, role: responsibleRole }],
    roles: above,
    region: step.region,
  };
}

export function notifyRequest(input: NotifyInput): RecipientRequest {
  return {
    people: (input.userIds ?? []).map((userId) => ({ userId })),
    roles: input.roles ?? [],
    region: input.region ?? null,
  };
}

/**
 * Resolves a request against the staff list. Named people are notified even while away (the step is
 * theirs); a named person who no longer exists is replaced by their role. Roles resolve to active users;
 * a region-scoped role with nobody in the region falls back to everyone with the role (`viaFallback`).
 * Each person appears once, in the capacity they were first found in.
 */
export function resolveRecipients(
  request: RecipientRequest,
  users: readonly CandidateUser[],
): ResolvedRecipient[] {
  const byId = new Map(users.map((user) => [user.id, user]));
  const result: ResolvedRecipient[] = [];
  const seen = new Set<string>();
  const add = (user: CandidateUser, role: Role, viaFallback: boolean): void => {
    if (seen.has(user.id)) return;
    seen.add(user.id);
    result.push({
      userId: user.id,
      username: user.username,
      role,
      region: user.region,
      viaFallback,
      email: user.email,
    });
  };

  const roles: Role[] = [];
  for (const person of request.people) {
    const user = byId.get(person.userId);
    if (user) add(user, person.role ?? (user.roles[0] as Role | undefined) ?? 'agent', false);
    else if (person.role && !roles.includes(person.role)) roles.push(person.role);
  }
  for (const role of request.roles) if (!roles.includes(role)) roles.push(role);

  for (const role of roles) {
    const { people, viaFallback } = peopleForRole(role, request.region, users);
    for (const user of people) add(user, role, viaFallback);
  }
  return result;
}

/** Active users with `role`, narrowed to `region` for region-scoped roles when anyone is there. */
export function peopleForRole(
  role: Role,
  region: string | null,
  users: readonly CandidateUser[],
): { people: CandidateUser[]; viaFallback: boolean } {
  const withRole = users.filter((user) => user.active && user.roles.includes(role)).sort(byUsername);
  if (!REGION_SCOPED_ROLES.has(role) || region === null) return { people: withRole, viaFallback: false };
  const inRegion = withRole.filter((user) => sameRegion(user.region, region));
  if (inRegion.length > 0) return { people: inRegion, viaFallback: false };
  return { people: withRole, viaFallback: withRole.length > 0 };
}

const byUsername = (a: CandidateUser, b: CandidateUser): number => a.username.localeCompare(b.username);
