import { useQueryClient } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { $api, type Schemas } from '../../api/client';
import { STAFF_ROLES, type StaffRole } from '../../auth/session';
import { apiErrorOf, ErrorMessage, Field, formNumber, formString } from '../../components/forms';
import { requireSignIn, rootRoute } from '../../root';
import { ListState, Pager } from '../../components/pager';
import { oneOf } from '../../components/vocabulary';
import { CheckGroup, FieldReasons } from './form-parts';
import './admin.css';

export const usersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/users',
  beforeLoad: requireSignIn,
  component: UsersPage,
});

type User = Schemas['UserDto'];

interface UserFilters {
  role?: StaffRole;
  region?: string;
  active?: boolean;
  page: number;
}

/** Who is being edited: nobody, a new user, or one from the list. */
type Editing = null | 'new' | User;

function UsersPage() {
  const [filters, setFilters] = useState<UserFilters>({ page: 1 });
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const users = $api.useQuery('get', '/api/users', { params: { query: filters } });
  const items = users.data?.items ?? [];
  const refilter = (change: Partial<UserFilters>) => setFilters({ ...filters, ...change, page: 1 });

  return (
    <section>
      <div className="row">
        <h1>Users</h1>
        <span className="spacer" />
        <button
          type="button"
          className="primary"
          onClick={() => {
            setEditing('new');
            setSaved(null);
          }}
        >
          New user
        </button>
      </div>
      {saved && (
        <p className="notice" role="status">
          {saved}
        </p>
      )}
      {editing && (
        <UserForm
          key={editing === 'new' ? 'new' : editing.id}
          user={editing === 'new' ? null : editing}
          onDone={(message) => {
            setEditing(null);
            setSaved(message);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      <div className="toolbar" role="search" aria-label="Filter users">
        <Field label="Role" name="role" error={null}>
          <select
            value={filters.role ?? ''}
            onChange={(event) => refilter({ role: oneOf(event.target.value, STAFF_ROLES) })}
          >
            <option value="">Any</option>
            {STAFF_ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Region" name="region" error={null}>
          <input
            type="search"
            defaultValue={filters.region ?? ''}
            maxLength={100}
            onChange={(event) => refilter({ region: event.target.value.trim() || undefined })}
          />
        </Field>
        <Field label="Active" name="active" error={null}>
          <select
            value={filters.active === undefined ? '' : String(filters.active)}
            onChange={(event) =>
              refilter({ active: event.target.value === '' ? undefined : event.target.value === 'true' })
            }
          >
            <option value="">Any</option>
            <option value="true">Active</option>
            <option value="false">Inactive</option>
          </select>
        </Field>
      </div>
      <ListState
        isPending={users.isPending}
        error={users.error}
        isEmpty={items.length === 0}
        emptyText="No users match these filters."
      />
      {items.length > 0 && (
        <UsersTable
          users={items}
          onEdit={(user) => {
            setEditing(user);
            setSaved(null);
          }}
        />
      )}
      {users.data && (
        <Pager
          meta={users.data}
          shown={items.length}
          noun="users"
          onPage={(page) => setFilters({ ...filters, page })}
        />
      )}
    </section>
  );
}

function UsersTable({ users, onEdit }: { users: User[]; onEdit: (user: User) => void }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">Region</th>
            <th scope="col">Skills</th>
            <th scope="col">Capacity</th>
            <th scope="col">Active</th>
            <th scope="col">
              <span className="admin-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} data-user-id={user.id}>
              <td>{user.username}</td>
              <td>
                {user.displayName}
                {user.email && <div className="muted small">{user.email}</div>}
              </td>
              <td>{user.roles.join(', ')}</td>
              <td>{user.region ?? '—'}</td>
              <td>{user.skills.length ? user.skills.join(', ') : '—'}</td>
              <td>{user.capacity}</td>
              <td>
                {user.active ? (
                  <span className="badge ok">Active</span>
                ) : (
                  <span className="badge bad">Inactive</span>
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="link"
                  onClick={() => onEdit(user)}
                  aria-label={`Edit ${user.username}`}
                >
                  Edit
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The fields both creating and editing send; the server names its refusals by these paths. */
function profileFrom(form: FormData) {
  return {
    displayName: formString(form, 'displayName') ?? '',
    roles: form.getAll('roles').flatMap((role) => oneOf(role, STAFF_ROLES) ?? []),
    // Empty clears them (null); skills are typed comma-separated.
    region: formString(form, 'region') ?? null,
    email: formString(form, 'email') ?? null,
    skills: (formString(form, 'skills') ?? '')
      .split(',')
      .map((skill) => skill.trim())
      .filter(Boolean),
    capacity: formNumber(form, 'capacity'),
    active: form.get('active') === 'on',
  };
}

const PROFILE_FIELDS = [
  'username',
  'password',
  'displayName',
  'roles',
  'region',
  'email',
  'skills',
  'capacity',
  'active',
];

function UserForm({
  user,
  onDone,
  onCancel,
}: {
  /** null: a new user. */
  user: User | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const queryClient = useQueryClient();
  // Told here, not per call: the refetch that follows may remount this form before a per-call callback runs.
  const done = (message: string) => {
    onDone(message);
    void queryClient.invalidateQueries();
  };
  const create = $api.useMutation('post', '/api/users', {
    onSuccess: (created) => done(`Created ${created.username}.`),
  });
  const update = $api.useMutation('patch', '/api/users/{id}', {
    onSuccess: (saved) => done(`Saved ${saved.username}.`),
  });
  const mutation = user ? update : create;
  const error = apiErrorOf(mutation.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = formString(form, 'password');
    if (user) {
      update.mutate({
        params: { path: { id: user.id } },
        body: { ...profileFrom(form), ...(password ? { password } : {}) },
      });
    } else {
      create.mutate({
        body: {
          ...profileFrom(form),
          username: formString(form, 'username') ?? '',
          password: password ?? '',
        },
      });
    }
  }

  return (
    <form className="card form admin-form" onSubmit={submit} aria-labelledby="user-form-title" noValidate>
      <h2 id="user-form-title">{user ? `Edit ${user.username}` : 'New user'}</h2>
      <div className="admin-grid">
        {!user && (
          <Field label="Username" name="username" error={error}>
            <input name="username" autoComplete="off" />
          </Field>
        )}
        <Field label="Display name" name="displayName" error={error}>
          <input name="displayName" defaultValue={user?.displayName} />
        </Field>
        <Field
          label={user ? 'New password' : 'Password'}
          name="password"
          error={error}
          hint={user ? 'Leave empty to keep the current one' : 'At least 8 characters'}
        >
          <input name="password" type="password" autoComplete="new-password" />
        </Field>
        <Field label="Email" name="email" error={error}>
          <input name="email" type="email" defaultValue={user?.email ?? ''} />
        </Field>
        <Field label="Region" name="region" error={error} hint="Empty: no region">
          <input name="region" defaultValue={user?.region ?? ''} />
        </Field>
        <Field label="Skills" name="skills" error={error} hint="Comma-separated, e.g. hvac, electrical">
          <input name="skills" defaultValue={user?.skills.join(', ')} />
        </Field>
        <Field label="Capacity" name="capacity" error={error} hint="Most open orders a technician carries">
          <input
            name="capacity"
            type="number"
            min={0}
            max={1000}
            step={1}
            defaultValue={user?.capacity ?? 5}
          />
        </Field>
      </div>
      <CheckGroup
        legend="Roles"
        name="roles"
        options={STAFF_ROLES}
        checked={user?.roles ?? []}
        error={error}
      />
      <label className="check">
        <input type="checkbox" name="active" defaultChecked={user?.active ?? true} />
        Active (inactive users cannot sign in and are never dispatched)
      </label>
      <FieldReasons error={error} field="active" />
      <ErrorMessage error={mutation.error} shownFields={PROFILE_FIELDS} />
      <div className="row">
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {user ? 'Save user' : 'Create user'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
