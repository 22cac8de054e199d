import { Inject, Injectable } from '@nestjs/common';
import { readerMaySee, readerScopeOf } from '../../common/access/reader-scope';
import type { AuthUser } from '../../common/auth/auth-user';
import { notFound } from '../../common/errors/domain-error';
import { type HonourRollResponse, toHonourRollResponse } from './awards.dto';
import { AwardsRepository } from './awards.repository';

@Injectable()
export class AwardsService {
  constructor(@Inject(AwardsRepository) private readonly awards: AwardsRepository) {}

  /**
   * A team's honour roll (光荣榜) for a period: who earned which award. 404 for a team of another institution, or one
   * the reader may not look at (a manager's other teams, a staff member's other teams); staff see nothing of a period
   * before it is published.
   */
  async honourRoll(user: AuthUser, teamId: string, period: string): Promise<HonourRollResponse> {
    const scope = readerScopeOf(user);
    const team = await this.awards.findTeam(scope, teamId);
    if (!team || !team.visible) throw notFound('team', teamId);
    const rows = await this.awards.honourRoll(scope, teamId, period);
    // Which scorecards the reader may open: the one rule (a manager's managed teams include this one, seen above).
    const managed = new Set([teamId]);
    return toHonourRollResponse(team, period, rows, (row) => readerMaySee(scope, { institutionId: user.institutionId, staffId: row.staffId, teamIds: [teamId] }, managed));
  }
}
