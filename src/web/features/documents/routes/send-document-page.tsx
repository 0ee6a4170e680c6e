import { Paper, Stepper } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { CollaboratorListItem } from '../../../../shared/api/collaborators';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { useAppConfig } from '../../../lib/app-config';
import { DocumentDetailsStep } from '../components/document-details-step';
import { RecipientCard } from '../components/recipient-card';
import { RecipientStep } from '../components/recipient-step';

/** Send a document: pick the recipient, confirm it is the right person, then the files. */
export function SendDocumentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const config = useAppConfig();
  const [step, setStep] = useState(0);
  const [selectedId, setSelectedId] = useState<string | null>(params.get('collaboratorId'));
  const [recipient, setRecipient] = useState<CollaboratorListItem | null>(null);
  const previousStep = useRef(step);

  useEffect(() => {
    if (previousStep.current === step) {
      return;
    }
    previousStep.current = step;
    // Each step names where focus should land, so that keyboard and screen reader users follow.
    const frame = window.requestAnimationFrame(() => {
      document.querySelector<HTMLElement>('[data-step-focus]')?.focus();
    });
    return () => {
      window.cancelAnimationFrame(frame);
    };
  }, [step]);

  return (
    <>
      <PageHeader title={t('documents.send.pageTitle')} description={t('documents.send.pageDescription')} />
      <Paper withBorder p="lg" radius="md">
        <Stepper active={step} allowNextStepsSelect={false} size="sm" mb="xl">
          <Stepper.Step label={t('documents.send.step1')} description={t('documents.send.step1Description')}>
            <RecipientStep
              selectedId={selectedId}
              onSelect={setSelectedId}
              onNext={(collaborator) => {
                setRecipient(collaborator);
                setStep(1);
              }}
            />
          </Stepper.Step>
          <Stepper.Step label={t('documents.send.step2')} description={t('documents.send.step2Description')}>
            {recipient && (
              <RecipientCard
                collaborator={recipient}
                onBack={() => {
                  setStep(0);
                }}
                onConfirm={() => {
                  setStep(2);
                }}
              />
            )}
          </Stepper.Step>
          <Stepper.Step label={t('documents.send.step3')} description={t('documents.send.step3Description')}>
            {recipient && (
              <QueryState query={config}>
                {(settings) => (
                  <DocumentDetailsStep
                    recipient={recipient}
                    rules={{
                      allowedExtensions: settings.allowedExtensions,
                      maxBytes: settings.uploadMaxBytes,
                      maxFiles: settings.uploadMaxFiles,
                    }}
                    onBack={() => {
                      setStep(1);
                    }}
                    onSent={(document) => {
                      notifications.show({
                        color: 'teal',
                        title: t('documents.send.sentTitle'),
                        message: t('documents.send.sentText', { name: recipient.fullName }),
                      });
                      void navigate(`/documents/${document.id}`, { replace: true });
                    }}
                  />
                )}
              </QueryState>
            )}
          </Stepper.Step>
        </Stepper>
      </Paper>
    </>
  );
}
