import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { PlaybooksTab } from './PlaybooksTab';
import { StatementsTab } from './StatementsTab';

/** What a crisis needs ready beforehand: playbooks (checklists) and pre-approved holding statements. */
export default function TemplatesPage() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const [sp, setSp] = useSearchParams();
  const tab = sp.get('tab') === 'statements' ? 'statements' : 'playbooks';
  return (
    <>
      <PageHeader
        title={
          <>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => nav('/incidents')} aria-label={t('incidents.back')} />
            {t('templates.title')}
          </>
        }
        sub={t('templates.sub')}
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(k === 'statements' ? { tab: k } : {}, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'playbooks', label: t('templates.playbooks'), children: <PlaybooksTab /> },
          { key: 'statements', label: t('templates.statements'), children: <StatementsTab /> },
        ]}
      />
    </>
  );
}
