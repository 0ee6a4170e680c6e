import { useTranslation } from 'react-i18next';
import type { SplitRule } from '../../../../shared/api/rules';
import { formatDate } from '../../../../shared/format';
import { formatAmount } from '../../../../shared/money';
import { formatRate } from '../../../lib/amount-field';
import { useLocale } from '../../../lib/i18n';

/** "40 % prowizji agencji", "5,00 zł za polisę": what the rule gives, in one phrase. */
export function RuleShareText({ rule }: { rule: Pick<SplitRule, 'basis' | 'rate' | 'fixedAmount'> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (rule.basis === 'fixed_per_policy') {
    return (
      <span className="tabular">
        {t('rules.fixedPerPolicy', { amount: formatAmount(rule.fixedAmount ?? 0) })}
      </span>
    );
  }
  return (
    <span className="tabular">{rule.rate === null ? t('common.none') : formatRate(rule.rate, locale)}</span>
  );
}

export function RuleValidityText({ rule }: { rule: Pick<SplitRule, 'validFrom' | 'validTo'> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!rule.validFrom && !rule.validTo) {
    return <>{t('rules.always')}</>;
  }
  const from = rule.validFrom ? formatDate(rule.validFrom, locale) : '…';
  const to = rule.validTo ? formatDate(rule.validTo, locale) : '…';
  return <span className="tabular">{`${from} – ${to}`}</span>;
}
