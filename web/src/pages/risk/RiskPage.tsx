import { Alert, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../session';
import { AdLawTab } from './AdLawTab';
import { BrandKitsTab } from './BrandKitsTab';
import { PolicyTab } from './PolicyTab';
import { WordsTab } from './WordsTab';

const TABS = ['policy', 'words', 'adLaw', 'brandKits'] as const;

/** Risk settings: what the pre-publish gate blocks or flags, the word lists, the ad-law list and each account's brand kit. */
export default function RiskPage() {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('risk.manage');
  const [sp, setSp] = useSearchParams();
  const tab = TABS.find((k) => k === sp.get('tab')) ?? 'policy';
  return (
    <>
      <PageHeader title={t('risk.title')} sub={t('risk.sub')} />
      {!manage && <Alert type="info" showIcon title={t('risk.readOnly')} style={{ marginBottom: 16 }} />}
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'policy', label: <span data-testid="risk-tab-policy">{t('risk.tab.policy')}</span>, children: <PolicyTab manage={manage} /> },
          { key: 'words', label: <span data-testid="risk-tab-words">{t('risk.tab.words')}</span>, children: <WordsTab manage={manage} /> },
          { key: 'adLaw', label: <span data-testid="risk-tab-adlaw">{t('risk.tab.adLaw')}</span>, children: <AdLawTab manage={manage} /> },
          { key: 'brandKits', label: <span data-testid="risk-tab-kits">{t('risk.tab.brandKits')}</span>, children: <BrandKitsTab manage={manage} /> },
        ]}
      />
    </>
  );
}
