import { useTranslation } from 'react-i18next';
import { adjustmentKindSchema } from '../../../../shared/api/periods';

/** A statement's adjustment kind comes as text; known kinds read in words, others as they are. */
export function AdjustmentKindText({ kind }: { kind: string }) {
  const { t } = useTranslation();
  const parsed = adjustmentKindSchema.safeParse(kind);
  return (
    <>{parsed.success ? t(`periods.adjustments.kinds.${parsed.data}`) : t('statements.adjustmentOther')}</>
  );
}
