import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { AudienceByAccount, AudienceChart } from './AudienceChart';
import { RangeBar, useRange } from './RangeBar';

/** 粉丝增长: the workspace's followers over a range, and each account's growth. */
export default function AudiencePage() {
  const { t } = useTranslation();
  const [range, setRange] = useRange();
  return (
    <>
      <PageHeader title={t('dash.audienceTitle')} sub={t('dash.audienceSub')} extra={<RangeBar value={range} onChange={setRange} />} />
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <AudienceChart range={range} />
        <AudienceByAccount range={range} />
      </Space>
    </>
  );
}
