import { Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { PasskeyEnrolment } from './passkey-enrolment';
import { TotpEnrolment } from './totp-enrolment';

export type FactorKind = 'totp' | 'passkey';

/** Another authenticator or passkey next to the existing ones (a spare avoids being locked out). */
export function AddSecondFactorModal({ kind, onClose }: { kind: FactorKind | null; onClose: () => void }) {
  const { t } = useTranslation();
  const onEnrolled = () => {
    notifications.show({ color: 'teal', message: t('account.factors.added_ok') });
    onClose();
  };
  return (
    <Modal
      opened={kind !== null}
      onClose={onClose}
      size="lg"
      title={kind === 'passkey' ? t('enrol.passkey.title') : t('enrol.totp.title')}
    >
      {kind === 'totp' && <TotpEnrolment onEnrolled={onEnrolled} withLabel />}
      {kind === 'passkey' && <PasskeyEnrolment onEnrolled={onEnrolled} />}
    </Modal>
  );
}
