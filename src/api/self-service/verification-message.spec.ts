import { smsLength } from '../../notifications/sms';
import { verificationSms } from './verification-message';

describe(verificationSms.name, () => {
  it.each([undefined, 'zh', 'en'] as const)(
    'language %p: carries the code and the expiry, in at most two segments',
    (language) => {
      const text = verificationSms('042917', language);
      expect(text).toContain('042917');
      expect(text).toMatch(/10/);
      expect(smsLength(text).segments).toBeLessThanOrEqual(2);
    },
  );

  it('writes both languages when none is chosen', () => {
    const text = verificationSms('042917');
    expect(text).toContain('验证码');
    expect(text).toContain('code');
  });

  it('keeps one language to one segment', () => {
    expect(smsLength(verificationSms('042917', 'zh')).segments).toBe(1);
    expect(smsLength(verificationSms('042917', 'en')).segments).toBe(1);
  });
});
