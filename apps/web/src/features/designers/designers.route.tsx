import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The lazy boundary of the designers (form, flow, rule, report): their code is loaded only when a
 * `/design/*` route is opened, so it never weighs on the runtime's initial bundle. The designers
 * themselves come next round; until then this route says so.
 */
export function DesignersRoute() {
  const { t } = useTranslation();
  return <Result status="info" title={t('designers:comingTitle')} subTitle={t('designers:comingBody')} />;
}
