// The per-election values every pack text may use ({electionTitle}, {votingUrl}, …), shared by
// the printed letter and the e-mailed codes so both say the same thing.
import { printableSpaces } from 'src/packs/render/pack-inputs';
import { ELECTION_PLACEHOLDERS, TemplateError, type PackTemplate } from 'src/packs/render/template';
import { type Question } from 'src/elections/election.types';

/** What the renderer needs to know about the election (all of it public). */
export interface ElectionPrintInfo {
  /** Belenios election UUID, used in the voting URL. */
  electionId: string;
  title: string;
  /** Public base URL of the voting site, e.g. https://vote.example.org (no trailing slash). */
  publicUrl: string;
  questions: Question[];
  onlineClosesAt: string;
  postalDeadline: string;
  timeZone: string;
}

function formatInstant(iso: string, lang: string, timeZone: string, field: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new TemplateError(`${field} is not a date: ${JSON.stringify(iso)}`);
  return printableSpaces(new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(d) + ` (${timeZone})`);
}

export function votingPageUrl(election: Pick<ElectionPrintInfo, 'publicUrl' | 'electionId'>): string {
  return `${election.publicUrl}/vote/${election.electionId}`;
}

/** The voting page with both codes in the fragment, which browsers never send to the server. */
export function votingLink(votingUrl: string, votingId: string, credential: string): string {
  return `${votingUrl}#vid=${votingId}&cred=${credential}`;
}

export function electionValues(election: ElectionPrintInfo, template: PackTemplate): Record<(typeof ELECTION_PLACEHOLDERS)[number], string> {
  const lang = template.text.lang;
  return {
    electionTitle: election.title,
    organisationName: template.brand.organisationName,
    votingUrl: votingPageUrl(election),
    deadline: formatInstant(election.postalDeadline, lang, election.timeZone, 'postalDeadline'),
    onlineCloses: formatInstant(election.onlineClosesAt, lang, election.timeZone, 'onlineClosesAt'),
  };
}
