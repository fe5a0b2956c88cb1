import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { VoterSessionEntity } from 'src/voter/voter-session.entity';

@Injectable()
export class VoterSessionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private get sessions() {
    return this.ds.getRepository(VoterSessionEntity);
  }

  async insert(s: VoterSessionEntity): Promise<void> {
    await this.sessions.insert(s);
  }

  findByTokenHash(tokenHash: string): Promise<VoterSessionEntity | null> {
    return this.sessions.findOneBy({ tokenHash });
  }

  async end(tokenHash: string, at: Date): Promise<void> {
    await this.sessions.update({ tokenHash, endedAt: IsNull() }, { endedAt: at });
  }
}
