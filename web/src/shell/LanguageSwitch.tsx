import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Lang, setLang } from '../i18n';

export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const value: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Segmented<Lang>
      data-testid="lang-switch"
      size="small"
      value={value}
      onChange={(v) => setLang(v)}
      options={[
        { value: 'zh-CN', label: <span data-testid="lang-zh">中文</span> },
        { value: 'en', label: <span data-testid="lang-en">English</span> },
      ]}
    />
  );
}
