// The e-mail that replaces the printed letter for members abroad and online-only members: the
// same codes, the same link as the letter's QR code, the same wording from templates/.
import { formatCredential } from 'src/crypto/credential/credential';
import { formatVotingId } from 'src/packs/codes';
import { electionValues, type ElectionPrintInfo, votingLink, votingPageUrl } from 'src/packs/render/election-values';
import { fill, type PackTemplate } from 'src/packs/render/template';

export interface PackEmailInput {
  memberName: string;
  votingId: string;
  /** The 22 credential characters, without dashes. */
  credential: string;
}

export function composePackEmail(election: ElectionPrintInfo, template: PackTemplate, p: PackEmailInput): { subject: string; text: string } {
  const t = template.text.email;
  const values = electionValues(election, template);
  const say = (s: string) => fill(s, values);
  const text = [
    fill(t.salutation, { ...values, memberName: p.memberName }),
    '',
    say(t.intro),
    '',
    `${t.votingIdLabel}: ${formatVotingId(p.votingId)}`,
    `${t.credentialLabel}: ${formatCredential(p.credential)}`,
    '',
    t.linkIntro,
    votingLink(votingPageUrl(election), p.votingId, p.credential),
    '',
    ...t.steps.map((s, i) => `${i + 1}. ${say(s)}`),
    '',
    say(t.codesNote),
    '',
    say(t.signature),
  ].join('\n');
  return { subject: say(t.subject), text };
}
