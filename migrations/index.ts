import { CreateJobTable1760000000000 } from 'migrations/1760000000000-create-job-table';
import { Foundation1763856000000 } from 'migrations/1763856000000-foundation';
import { Elections1763856100000 } from 'migrations/1763856100000-elections';
import { Participation1763856200000 } from 'migrations/1763856200000-participation';
import { Roll1763856300000 } from 'migrations/1763856300000-roll';
import { Packs1763856400000 } from 'migrations/1763856400000-packs';
import { Count1763856500000 } from 'migrations/1763856500000-count';
import { Intake1763856600000 } from 'migrations/1763856600000-intake';
import { ParticipationRejections1763856700000 } from 'migrations/1763856700000-participation-rejections';
import { PackDelivery1763856800000 } from 'migrations/1763856800000-pack-delivery';
import { PackBatch1763856900000 } from 'migrations/1763856900000-pack-batch';
import { OnlineBallotBox1763857000000 } from 'migrations/1763857000000-online-ballot-box';
import { VoterSession1763857500000 } from 'migrations/1763857500000-voter-session';
import { PackBatchJob1763857600000 } from 'migrations/1763857600000-pack-batch-job';
import { ElectionRecord1763857700000 } from 'migrations/1763857700000-election-record';
import { Tally1763858000000 } from 'migrations/1763858000000-tally';
import { Scan1763858100000 } from 'migrations/1763858100000-scan';

// Migrations in the order they apply (TypeORM orders them by the timestamp in the class name).
// They use TypeORM's schema builder (not raw SQL) so the same migration runs on PostgreSQL and
// on the embedded SQLite file.
export const MIGRATIONS: Array<new () => object> = [
  CreateJobTable1760000000000,
  Foundation1763856000000,
  Elections1763856100000,
  Participation1763856200000,
  Roll1763856300000,
  Packs1763856400000,
  Count1763856500000,
  Intake1763856600000,
  ParticipationRejections1763856700000,
  PackDelivery1763856800000,
  PackBatch1763856900000,
  OnlineBallotBox1763857000000,
  VoterSession1763857500000,
  PackBatchJob1763857600000,
  ElectionRecord1763857700000,
  Tally1763858000000,
  Scan1763858100000,
];
