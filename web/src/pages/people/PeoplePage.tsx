import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../session';
import { HiringTab } from './HiringTab';
import { OnboardingTab } from './OnboardingTab';
import { TrainingTab } from './TrainingTab';

/** 培训与招聘: training and sharing sessions, onboarding checklists, and (for interviewers and managers) hiring. */
export default function PeoplePage() {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <>
      <PageHeader title={t('nav.people')} sub={t('people.sub')} />
      <Tabs
        destroyOnHidden
        defaultActiveKey={new URLSearchParams(window.location.search).get('tab') ?? 'training'}
        items={[
          { key: 'training', label: <span data-testid="people-tab-training">{t('people.tab.training')}</span>, children: <TrainingTab /> },
          { key: 'onboarding', label: <span data-testid="people-tab-onboarding">{t('people.tab.onboarding')}</span>, children: <OnboardingTab /> },
          ...(can('hiring.interview')
            ? [{ key: 'hiring', label: <span data-testid="people-tab-hiring">{t('people.tab.hiring')}</span>, children: <HiringTab /> }]
            : []),
        ]}
      />
    </>
  );
}
