// The demo crew and orders, through the public API only: `npm run seed:demo` and the browser tests both
// use them. No imports of the product's code, so Playwright's own TypeScript loader can read it.

export const DEMO_CREW = [
  { username: 'agent', displayName: 'Wang Fang (agent)', roles: ['agent'] },
  { username: 'supervisor', displayName: 'Chen Jie (supervisor)', roles: ['supervisor'] },
  { username: 'dispatcher', displayName: 'Zhao Lei (dispatcher)', roles: ['dispatcher'], region: 'north' },
  {
    username: 'tech.li',
    displayName: 'Li Wei (technician)',
    roles: ['technician'],
    region: 'north',
    skills: ['hvac'],
    capacity: 5,
    lat: 31.23,
    lng: 121.47,
  },
  {
    username: 'tech.sun',
    displayName: 'Sun Hao (technician)',
    roles: ['technician'],
    region: 'north',
    skills: ['hvac', 'electrical'],
    capacity: 3,
    lat: 31.25,
    lng: 121.5,
  },
  { username: 'finance', displayName: 'Liu Min (finance)', roles: ['finance'] },
] as const;

export async function call(
  apiUrl: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<Response> {
  return fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function signIn(apiUrl: string, username: string, secret: string): Promise<string> {
  const response = await call(apiUrl, 'POST', '/api/auth/login', null, { username, password: secret });
  if (!response.ok)
    throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** An order like a phone call produces: `missingSerial` leaves it in INFO_REQUIRED (the automatic check asks for it), `complex` needs approval. */
export function demoOrder(
  index: number,
  kind: 'simple' | 'complex' | 'missingSerial',
): Record<string, unknown> {
  const start = new Date(Date.now() + 24 * 3_600_000);
  const unitPrice = kind === 'complex' ? 6000 : 300;
  return {
    // A repair needs the serial number: without it the automatic check sends the order to INFO_REQUIRED.
    type: kind === 'missingSerial' ? 'REPAIR' : 'INSTALLATION',
    priority: kind === 'complex' ? 'HIGH' : 'NORMAL',
    channel: 'PHONE',
    customer: {
      name: `Demo customer ${index}`,
      phone: `+86 138 0000 ${String(index).padStart(4, '0')}`,
      address: '1 Century Avenue, Pudong',
      zone: 'IN_CITY',
      region: 'north',
      lat: 31.23,
      lng: 121.47,
      // Demo customers agree to SMS, so the sink of `npm start` shows what a customer receives.
      messageConsent: true,
      language: index % 2 === 0 ? 'en' : 'zh',
    },
    equipment: {
      model: 'AC-9000',
      ...(kind === 'missingSerial' ? {} : { serialNumber: `SN-DEMO-${index}` }),
      purchaseDate: '2024-03-01',
    },
    faultDescription: {
      simple: 'Install a split air conditioner',
      complex: 'Install a VRF system in an office',
      missingSerial: 'The air conditioner drips water',
    }[kind],
    serviceItems: [
      {
        code: kind === 'complex' ? 'INSTALL-VRF' : 'INSTALL-AC',
        description: 'Installation',
        quantity: 1,
        unitPrice,
      },
    ],
    totalAmount: unitPrice,
    paymentMethod: 'CASH',
    appointment: { start: start.toISOString(), end: new Date(start.getTime() + 3 * 3_600_000).toISOString() },
    requiredSkills: ['hvac'],
    dispatchMode: 'SUPERVISOR',
  };
}

/** Creates the demo crew (kept when it exists), each with `password`; returns what it did, one line each. */
export async function seedCrew(apiUrl: string, adminToken: string, password: string): Promise<string[]> {
  const lines: string[] = [];
  for (const member of DEMO_CREW) {
    const response = await call(apiUrl, 'POST', '/api/users', adminToken, { ...member, password });
    if (response.status === 409) lines.push(`kept ${member.username}`);
    else if (!response.ok)
      throw new Error(`creating ${member.username} failed: ${response.status} ${await response.text()}`);
    else lines.push(`created ${member.username} (${member.roles.join(', ')})`);
  }
  return lines;
}
