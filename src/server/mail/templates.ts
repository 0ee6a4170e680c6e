import { pluralPl } from '../../shared/format.js';

/**
 * Every e-mail Sejf sends. They are content-free by construction: the only inputs are the fixed
 * public address and, for invitations, the one-time code, so no name, amount, period, title or
 * file name can ever reach a mailbox. No links either: people type the address themselves, which
 * is also what the phishing note teaches them.
 */
export const mailTemplates = [
  'invitation',
  'document_waiting',
  'message_waiting',
  'new_device_login',
  'password_changed',
  'second_factor_changed',
  'second_factor_failures',
] as const;

export type MailTemplate = (typeof mailTemplates)[number];
export type MailLocale = 'pl' | 'en';
export type RenderedMail = { subject: string; text: string; html: string };
/** Invitations also say how long their code is valid (INVITATION_TTL_HOURS; 72 unless configured). */
export type MailContext = { baseUrl: string; invitationCode?: string; invitationValidHours?: number };

/** A paragraph, or a value shown on its own line (the address, the code). */
type Block = string | { value: string };
type Values = { address: string; code: string; validFor: string };
type Copy = { subject: string; blocks: (values: Values) => Block[] };

const copy: Record<MailTemplate, Record<MailLocale, Copy>> = {
  invitation: {
    pl: {
      subject: 'Zaproszenie do Sejfu',
      blocks: ({ address, code, validFor }) => [
        'Dzień dobry!',
        'Otrzymujesz zaproszenie do Sejfu – serwisu, w którym bezpiecznie odbierasz dokumenty od swojej agencji.',
        'Aby założyć konto, wpisz samodzielnie w przeglądarce adres Sejfu:',
        { value: address },
        'Wybierz „Mam kod zaproszenia”, a następnie podaj swój adres e-mail i ten kod zaproszenia:',
        { value: code },
        `Kod jest jednorazowy i ważny przez ${validFor}. Jeśli wygaśnie, poproś swoją agencję o nowe zaproszenie.`,
      ],
    },
    en: {
      subject: 'Your invitation to Sejf',
      blocks: ({ address, code, validFor }) => [
        'Hello,',
        'You have been invited to Sejf, the service where you safely receive documents from your agency.',
        'To create your account, type the address of Sejf into your browser yourself:',
        { value: address },
        'Choose “I have an invitation code”, then enter your e-mail address and this invitation code:',
        { value: code },
        `The code can be used once and is valid for ${validFor}. If it expires, ask your agency for a new invitation.`,
      ],
    },
  },
  document_waiting: {
    pl: {
      subject: 'Nowy dokument w Sejfie',
      blocks: ({ address }) => [
        'Dzień dobry!',
        'W Sejfie czeka na Ciebie nowy dokument.',
        'Aby go zobaczyć, wpisz samodzielnie w przeglądarce adres Sejfu i zaloguj się:',
        { value: address },
      ],
    },
    en: {
      subject: 'A new document is waiting for you in Sejf',
      blocks: ({ address }) => [
        'Hello,',
        'A new document is waiting for you in Sejf.',
        'To see it, type the address of Sejf into your browser yourself and log in:',
        { value: address },
      ],
    },
  },
  message_waiting: {
    pl: {
      subject: 'Nowa wiadomość w Sejfie',
      blocks: ({ address }) => [
        'Dzień dobry!',
        'W Sejfie czeka na Ciebie nowa wiadomość lub sprawa do załatwienia.',
        'Aby ją zobaczyć, wpisz samodzielnie w przeglądarce adres Sejfu i zaloguj się:',
        { value: address },
      ],
    },
    en: {
      subject: 'A new message is waiting for you in Sejf',
      blocks: ({ address }) => [
        'Hello,',
        'A new message or a matter to settle is waiting for you in Sejf.',
        'To see it, type the address of Sejf into your browser yourself and log in:',
        { value: address },
      ],
    },
  },
  new_device_login: {
    pl: {
      subject: 'Logowanie do Sejfu z nowego urządzenia',
      blocks: ({ address }) => [
        'Dzień dobry!',
        'Do Twojego konta w Sejfie zalogowano się właśnie z nowego urządzenia lub nowej przeglądarki.',
        'Jeśli to Ty, nie musisz nic robić.',
        'Jeśli to nie Ty, wpisz samodzielnie w przeglądarce adres Sejfu:',
        { value: address },
        'Zaloguj się, zakończ nieznaną sesję na liście aktywnych sesji w ustawieniach konta i od razu zmień hasło.',
      ],
    },
    en: {
      subject: 'New login to your Sejf account',
      blocks: ({ address }) => [
        'Hello,',
        'Someone has just logged in to your Sejf account from a new device or browser.',
        'If it was you, there is nothing you need to do.',
        'If it was not you, type the address of Sejf into your browser yourself:',
        { value: address },
        'Log in, end the unknown session in the list of active sessions in your account settings, and change your password straight away.',
      ],
    },
  },
  password_changed: {
    pl: {
      subject: 'Hasło do Sejfu zostało zmienione',
      blocks: ({ address }) => [
        'Dzień dobry!',
        'Hasło do Twojego konta w Sejfie zostało właśnie zmienione.',
        'Jeśli to Ty, nie musisz nic robić.',
        'Jeśli to nie Ty, ktoś może mieć dostęp do Twojego konta. Wpisz samodzielnie w przeglądarce adres Sejfu:',
        { value: address },
        'Zaloguj się, zakończ nieznane sesje i zmień hasło. Jeśli nie możesz się zalogować, natychmiast skontaktuj się ze swoją agencją.',
      ],
    },
    en: {
      subject: 'Your Sejf password was changed',
      blocks: ({ address }) => [
        'Hello,',
        'The password of your Sejf account has just been changed.',
        'If it was you, there is nothing you need to do.',
        'If it was not you, someone may have access to your account. Type the address of Sejf into your browser yourself:',
        { value: address },
        'Log in, end any unknown sessions and change your password. If you cannot log in, contact your agency immediately.',
      ],
    },
  },
  second_factor_failures: {
    pl: {
      subject: 'Nieudane próby logowania do Sejfu',
      blocks: ({ address }) => [
        'Dzień dobry!',
        'Ktoś podał poprawne hasło do Twojego konta w Sejfie, ale kilka razy nie potwierdził logowania drugim składnikiem. Dla bezpieczeństwa logowanie na to konto jest na chwilę zablokowane.',
        'Jeśli to nie Ty, ktoś zna Twoje hasło. Gdy blokada minie, wpisz samodzielnie w przeglądarce adres Sejfu:',
        { value: address },
        'Zaloguj się i zmień hasło. Jeśli nie możesz się zalogować, skontaktuj się ze swoją agencją.',
      ],
    },
    en: {
      subject: 'Failed sign-in attempts on your Sejf account',
      blocks: ({ address }) => [
        'Hello,',
        'Someone entered the correct password of your Sejf account but failed to confirm the sign-in with the second factor several times. For your safety, signing in to this account is blocked for a while.',
        'If it was not you, someone knows your password. When the block ends, type the address of Sejf into your browser yourself:',
        { value: address },
        'Sign in and change your password. If you cannot sign in, contact your agency.',
      ],
    },
  },
  second_factor_changed: {
    pl: {
      subject: 'Zmieniono drugi składnik logowania do Sejfu',
      blocks: ({ address }) => [
        'Dzień dobry!',
        'Na Twoim koncie w Sejfie zmieniono właśnie drugi składnik logowania (aplikację uwierzytelniającą, klucz dostępu lub kody odzyskiwania).',
        'Jeśli to Ty, nie musisz nic robić.',
        'Jeśli to nie Ty, ktoś może mieć dostęp do Twojego konta. Wpisz samodzielnie w przeglądarce adres Sejfu:',
        { value: address },
        'Zaloguj się, zakończ nieznane sesje i zmień hasło. Jeśli nie możesz się zalogować, natychmiast skontaktuj się ze swoją agencją.',
      ],
    },
    en: {
      subject: 'The second factor of your Sejf account was changed',
      blocks: ({ address }) => [
        'Hello,',
        'The second factor of your Sejf account (authenticator app, passkey or recovery codes) has just been changed.',
        'If it was you, there is nothing you need to do.',
        'If it was not you, someone may have access to your account. Type the address of Sejf into your browser yourself:',
        { value: address },
        'Log in, end any unknown sessions and change your password. If you cannot log in, contact your agency immediately.',
      ],
    },
  },
};

const phishingNote: Record<MailLocale, string[]> = {
  pl: [
    'Sejf nigdy nie prosi o podanie hasła ani kodów e-mailem ani przez telefon. Nie otwieraj linków z wiadomości, które wyglądają na wysłane z Sejfu – zawsze wpisuj jego adres samodzielnie.',
    'Ta wiadomość została wysłana automatycznie, prosimy na nią nie odpowiadać.',
  ],
  en: [
    'Sejf never asks for your password or codes by e-mail or over the phone. Do not open links in messages that look like they come from Sejf: always type its address yourself.',
    'This message was sent automatically; please do not reply to it.',
  ],
};

const invitationCodePattern = /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/;

function displayAddress(baseUrl: string): string {
  const url = new URL(baseUrl);
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    throw new Error('The mail base URL must be a plain http(s) address');
  }
  if (url.search || url.hash) {
    throw new Error('The mail base URL must not carry a query or fragment');
  }
  return url.pathname === '/' ? url.origin : `${url.origin}${url.pathname.replace(/\/$/, '')}`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function validity(context: MailContext, locale: MailLocale): string {
  const hours = context.invitationValidHours ?? 72;
  if (!Number.isInteger(hours) || hours < 1) {
    throw new Error('Invitation validity must be a whole number of hours');
  }
  return locale === 'pl'
    ? `${hours} ${pluralPl(hours, 'godzinę', 'godziny', 'godzin')}`
    : `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

export function renderMail(template: MailTemplate, locale: MailLocale, context: MailContext): RenderedMail {
  const isInvitation = template === 'invitation';
  const code = context.invitationCode;
  if (isInvitation !== (code !== undefined)) {
    throw new Error(`An invitation code belongs to invitations only (template ${template})`);
  }
  if (code !== undefined && (!invitationCodePattern.test(code) || code.length < 6 || code.length > 64)) {
    throw new Error('Malformed invitation code');
  }
  const { subject, blocks } = copy[template][locale];
  const all: Block[] = [
    ...blocks({
      address: displayAddress(context.baseUrl),
      code: code ?? '',
      validFor: validity(context, locale),
    }),
    ...phishingNote[locale],
  ];
  const text = all.map((block) => (typeof block === 'string' ? block : `    ${block.value}`)).join('\n\n');
  const body = all
    .map((block) =>
      typeof block === 'string'
        ? `<p>${escapeHtml(block)}</p>`
        : `<p style="font-size:18px;font-family:monospace"><strong>${escapeHtml(block.value)}</strong></p>`,
    )
    .join('\n');
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${locale}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    `<body>\n${body}\n</body>`,
    '</html>',
  ].join('\n');
  return { subject, text: `${text}\n`, html: `${html}\n` };
}
