// The benchmark's HTTP side: login, seeding users and policies, and one JSON call that throws on any
// status other than the expected one (a benchmark counts failures, it never measures them as successes).
export class BenchApi {
  constructor(readonly base: string) {}

  async call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    token: string | null,
    body?: unknown,
    expect = method === 'POST' && !path.includes('/orders/') ? 201 : 200,
  ): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    if (response.status !== expect)
      throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  async login(username: string, password: string): Promise<string> {
    const body = await this.call<{ accessToken: string }>(
      'POST',
      '/auth/login',
      null,
      { username, password },
      200,
    );
    return body.accessToken;
  }
}

export interface BenchCrew {
  admin: string;
  agent: string;
}

/** The users the scenarios act as: the admin (sees every order) and an agent (intake and review). */
export async function seedCrew(api: BenchApi, adminPassword: string): Promise<BenchCrew> {
  const admin = await api.login('admin', adminPassword);
  const create = async (username: string, roles: string[], profile: Record<string, unknown> = {}) => {
    const password = `${username}-password`;
    await api.call('POST', '/users', admin, { username, password, displayName: username, roles, ...profile });
    return api.login(username, password);
  };
  return {
    admin,
    agent: await create('bench-agent', ['agent']),
  };
}
