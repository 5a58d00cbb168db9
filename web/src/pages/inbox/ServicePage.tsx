import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { SlaReportTab } from './SlaReportTab';
import { SlaSettingsTab } from './SlaSettingsTab';
import { TemplatesTab } from './TemplatesTab';

/** 服务水平: the team's response report, business hours and targets, and the canned replies. */
export default function ServicePage() {
  const { t } = useTranslation();
  const [sp, setSp] = useSearchParams();
  const tab = sp.get('tab') ?? 'report';
  return (
    <>
      <PageHeader title={t('nav.inboxService')} sub={t('sla.sub')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp({ tab: k }, { replace: true })}
        items={[
          { key: 'report', label: t('sla.tab.report'), children: <SlaReportTab /> },
          { key: 'settings', label: t('sla.tab.settings'), children: <SlaSettingsTab /> },
          { key: 'templates', label: t('sla.tab.templates'), children: <TemplatesTab /> },
        ]}
      />
    </>
  );
}
