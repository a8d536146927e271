import { useEffect, useState, type ReactNode } from 'react';
import { deviceLanguage, isCustomerLanguage, WORDS, type CustomerLanguage, type Words } from './words';
import './customer.css';

const LANGUAGE_KEY = 'service-orders.customer-language';

/**
 * The language of the customer's pages: the one they picked with the toggle in this tab, else the one
 * their order records, else their device's.
 */
export function useCustomerLanguage(recorded?: CustomerLanguage | null) {
  const [picked, setPicked] = useState<CustomerLanguage | null>(() => {
    const stored = sessionStorage.getItem(LANGUAGE_KEY);
    return isCustomerLanguage(stored) ? stored : null;
  });
  const language = picked ?? recorded ?? deviceLanguage();
  useEffect(() => {
    document.documentElement.lang = WORDS[language].locale;
  }, [language]);
  return {
    language,
    words: WORDS[language],
    pick(next: CustomerLanguage) {
      sessionStorage.setItem(LANGUAGE_KEY, next);
      setPicked(next);
    },
  };
}

/** The frame of a customer page: a plain header with the language toggle, one narrow column. */
export function CustomerShell({
  title,
  language,
  words,
  onPick,
  children,
}: {
  title: string;
  language: CustomerLanguage;
  words: Words;
  onPick: (language: CustomerLanguage) => void;
  children: ReactNode;
}) {
  const other: CustomerLanguage = language === 'zh' ? 'en' : 'zh';
  return (
    <div className="customer" lang={words.locale}>
      <header className="customer-head">
        <h1>{title}</h1>
        <button
          type="button"
          className="customer-language"
          lang={WORDS[other].locale}
          onClick={() => onPick(other)}
        >
          {words.switchTo}
        </button>
      </header>
      <main className="customer-body">{children}</main>
    </div>
  );
}
