import type { CustomerLanguage } from '../../domain';
import { VERIFICATION_CODE_TTL_MS } from '../../domain/self-service';

const MINUTES = VERIFICATION_CODE_TTL_MS / 60_000;

const TEXTS: Record<CustomerLanguage, (code: string) => string> = {
  zh: (code) => `报修验证码 ${code}，${MINUTES} 分钟内有效。请勿告诉他人。`,
  en: (code) => `Service request code ${code}, valid ${MINUTES} min. Do not share it.`,
};

/**
 * The SMS with a one-time code. Without a language the customer has not chosen one yet (the code comes
 * before the form), so one message carries both: two segments, not two messages.
 */
export function verificationSms(code: string, language?: CustomerLanguage): string {
  return language ? TEXTS[language](code) : `${TEXTS.zh(code)} / ${TEXTS.en(code)}`;
}
