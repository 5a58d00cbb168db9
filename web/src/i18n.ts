import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { dictionaries } from './locales';

export type Lang = 'zh-CN' | 'en';
export const LANGS: Lang[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'meiyun.lang';

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'zh-CN') return v;
  } catch {
    // storage unavailable (private mode): fall back to the default
  }
  return 'zh-CN';
}

/** Every domain file holds `key: [中文, English]`; split them into two resource bundles. */
function bundles() {
  const zh: Record<string, string> = {};
  const en: Record<string, string> = {};
  for (const dict of dictionaries) {
    for (const [key, [z, e]] of Object.entries(dict)) {
      zh[key] = z;
      en[key] = e;
    }
  }
  return { 'zh-CN': { translation: zh }, en: { translation: en } };
}

function applySideEffects(lang: Lang) {
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

const initial = storedLang();
applySideEffects(initial);

void i18n.use(initReactI18next).init({
  resources: bundles(),
  lng: initial,
  fallbackLng: 'zh-CN',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  initAsync: false,
});

export function setLang(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore: the choice just won't survive a reload
  }
  applySideEffects(lang);
  void i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export default i18n;
