import dayjs from 'dayjs';
import 'dayjs/locale/en';
import 'dayjs/locale/pl';
import i18next from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next, useTranslation } from 'react-i18next';
import { localeSchema, type Locale } from '../../shared/api/common';
import en from '../i18n/en.json';
import pl from '../i18n/pl.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof pl };
  }
}

const storageKey = 'sejf.locale';

function readStoredLocale(): Locale | null {
  try {
    const parsed = localeSchema.safeParse(window.localStorage.getItem(storageKey));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(storageKey, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts until the page is closed.
  }
}

function reflectLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  dayjs.locale(locale);
}

export async function initI18n(): Promise<void> {
  // Polish is the default whatever the browser says: the agencies and their people are Polish.
  const locale = readStoredLocale() ?? 'pl';
  reflectLocale(locale);
  await i18next
    .use(ICU)
    .use(initReactI18next)
    .init({
      lng: locale,
      fallbackLng: 'pl',
      supportedLngs: ['pl', 'en'],
      resources: { pl: { translation: pl }, en: { translation: en } },
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  i18next.on('languageChanged', (language) => {
    const parsed = localeSchema.safeParse(language);
    if (parsed.success) {
      reflectLocale(parsed.data);
    }
  });
}

/** Switches the interface language and remembers it on this device. */
export async function changeLocale(locale: Locale): Promise<void> {
  storeLocale(locale);
  if (i18next.language !== locale) {
    await i18next.changeLanguage(locale);
  }
}

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  const parsed = localeSchema.safeParse(i18n.language);
  return parsed.success ? parsed.data : 'pl';
}
