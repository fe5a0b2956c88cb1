import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionPrintInfo } from 'src/packs/render/election-values';

/** The public facts about an election that its packs and e-mails print. */
export function printInfo(e: ElectionEntity, publicUrl: string): ElectionPrintInfo {
  return {
    electionId: e.beleniosUuid,
    title: e.title,
    publicUrl,
    questions: e.questions,
    onlineClosesAt: e.timeline.onlineClosesAt ?? '',
    postalDeadline: e.timeline.postalDeadline ?? '',
    timeZone: e.timeline.timeZone,
  };
}
