import { useTranslation } from 'react-i18next';
import type { TaxMode } from '../../../../shared/api/collaborators';

export function TaxModeText({ taxMode, short = false }: { taxMode: TaxMode; short?: boolean }) {
  const { t } = useTranslation();
  return <>{short ? t(`collaborators.taxModeShort.${taxMode}`) : t(`collaborators.taxMode.${taxMode}`)}</>;
}
