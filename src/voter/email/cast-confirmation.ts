// The short e-mail a member may ask for after voting online: that the ballot arrived, its
// tracker, and where to check it. Never a credential or Voting ID, never the choices (the server
// does not know them).
import { localTime } from 'src/voter/local-time';

export type ConfirmationLanguage = 'en' | 'fr';

export interface ConfirmationInput {
  electionTitle: string;
  tracker: string;
  receivedAt: Date;
  timeZone: string;
  boardUrl: string;
}

export function confirmationLanguage(packLanguage: string | null): ConfirmationLanguage {
  return packLanguage?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function composeCastConfirmation(language: ConfirmationLanguage, c: ConfirmationInput): { subject: string; text: string } {
  const when = localTime(c.receivedAt, c.timeZone, language);
  if (language === 'fr') {
    return {
      subject: `Votre vote a été reçu : ${c.electionTitle}`,
      text: [
        'Bonjour,',
        '',
        `Votre bulletin en ligne pour « ${c.electionTitle} » a été reçu le ${when}.`,
        '',
        `Votre numéro de suivi : ${c.tracker}`,
        '',
        'Vous pouvez vérifier que votre bulletin est dans l’urne sur le tableau public :',
        c.boardUrl,
        '',
        'Ce message ne dit pas pour qui vous avez voté : personne, pas même les organisateurs, ne peut le savoir.',
        'Si vous n’avez pas voté, contactez les organisateurs.',
      ].join('\n'),
    };
  }
  return {
    subject: `Your vote was received: ${c.electionTitle}`,
    text: [
      'Hello,',
      '',
      `Your online ballot in "${c.electionTitle}" was received on ${when}.`,
      '',
      `Your ballot tracker: ${c.tracker}`,
      '',
      'You can check that your ballot is in the ballot box on the public board:',
      c.boardUrl,
      '',
      'This message does not say how you voted: nobody, not even the organisers, can know that.',
      'If you did not vote, contact the organisers.',
    ].join('\n'),
  };
}
