import { LoginThrottle, type LoginAdmission } from './login-throttle';

describe(LoginThrottle.name, () => {
  let now: number;
  let throttle: LoginThrottle;

  beforeEach(() => {
    now = 1_000_000;
    throttle = new LoginThrottle(
      { failuresPerUsername: 3, attemptsPerAddress: 10, windowMs: 60_000 },
      () => now,
    );
  });

  const fail = (address: string, username: string): LoginAdmission => throttle.admit(address, username);
  const succeed = (address: string, username: string): LoginAdmission => {
    const admission = throttle.admit(address, username);
    if (admission.admitted) admission.release();
    return admission;
  };

  it('refuses a username after its allowed failures, even with the right password', () => {
    for (let i = 0; i < 3; i++) expect(fail('10.0.0.1', 'alice').admitted).toBe(true);
    const refused = succeed('10.0.0.2', 'alice');
    expect(refused).toEqual({
      admitted: false,
      message: 'Too many failed login attempts for this username; try again in 60 s',
      retryAfterSeconds: 60,
    });
  });

  it('lets other usernames from the same address sign in meanwhile', () => {
    for (let i = 0; i < 4; i++) fail('10.0.0.1', 'alice');
    expect(succeed('10.0.0.1', 'bob').admitted).toBe(true);
  });

  it('never counts successful logins against the username', () => {
    for (let i = 0; i < 9; i++) expect(succeed('10.0.0.1', 'alice').admitted).toBe(true);
    expect(fail('10.0.0.1', 'alice').admitted).toBe(true);
  });

  it('counts every attempt against the address, then refuses all usernames from it', () => {
    for (let i = 0; i < 10; i++) expect(succeed('10.0.0.1', `user-${i}`).admitted).toBe(true);
    expect(succeed('10.0.0.1', 'carol')).toMatchObject({
      admitted: false,
      message: expect.stringMatching(/^Too many login attempts from this address; try again in \d+ s$/),
    });
    expect(succeed('10.0.0.2', 'carol').admitted).toBe(true);
  });

  it('reserves a failure while a password is checked, so concurrent guesses cannot overrun the limit', () => {
    const inFlight = [1, 2, 3, 4].map(() => throttle.admit('10.0.0.1', 'alice'));
    expect(inFlight.map((a) => a.admitted)).toEqual([true, true, true, false]);
  });

  it('opens again when the window ends, with Retry-After counting down', () => {
    for (let i = 0; i < 3; i++) fail('10.0.0.1', 'alice');
    now += 45_500;
    expect(succeed('10.0.0.1', 'alice')).toMatchObject({ admitted: false, retryAfterSeconds: 15 });
    now += 14_500;
    expect(succeed('10.0.0.1', 'alice').admitted).toBe(true);
  });

  it('admits a body without a username against the address limit only', () => {
    for (let i = 0; i < 10; i++) expect(throttle.admit('10.0.0.1', undefined).admitted).toBe(true);
    expect(throttle.admit('10.0.0.1', undefined).admitted).toBe(false);
  });
});
