import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { managedTeamsScope, type ReaderScope, readerMaySee, readerScopeOf } from '../../common/access/reader-scope';
import type { AuthUser } from '../../common/auth/auth-user';
import { notFound } from '../../common/errors/domain-error';
import type { ListQuery, Page } from '../../common/http/list-query';
import { type CachedScorecardDetail, ScorecardDetailCache, type ScorecardDetailBody } from './scorecard-detail-cache';
import { mergedInOrder, type SchemeOutline } from './scheme-outline';
import { SchemeOutlines } from './scheme-outlines';
import {
  type ScorecardFilter,
  type ScorecardView,
  type TeamMeanView,
  type TeamSummaryMember,
  type TeamSummaryResponse,
  scorecardDetailJson,
  toTrendResponse,
  type TrendResponse,
} from './scorecards.dto';
import { ScorecardsRepository } from './scorecards.repository';

/** A weak entity tag of a response body, as Express makes them (length and SHA-1), computed once per kept body. */
function weakEntityTag(body: Buffer): string {
  return `W/"${body.length.toString(16)}-${createHash('sha1').update(body).digest('base64').slice(0, 27)}"`;
}

/** Composites equal to this many decimals share a rank (float noise is not a difference). */
const RANK_DECIMALS = 1e6;

@Injectable()
export class ScorecardsService {
  private static readonly TEAM_MEANS_LIMIT = 512;
  /**
   * Team means per (run, team, version): a succeeded run's scorecards never change, so the means
   * are computed once. The promise is kept, so concurrent readers of one team share one query.
   */
  private readonly teamMeans = new Map<string, Promise<TeamMeanView>>();

  constructor(
    @Inject(ScorecardsRepository) private readonly scorecards: ScorecardsRepository,
    @Inject(SchemeOutlines) private readonly outlines: SchemeOutlines,
    @Inject(ScorecardDetailCache) private readonly details: ScorecardDetailCache,
  ) {}

  async list(user: AuthUser, query: ListQuery<ScorecardFilter>): Promise<Page<ScorecardView>> {
    return this.scorecards.list(await managedTeamsScope(readerScopeOf(user), (institutionId, managerId) => this.teamsManagedBy(institutionId, managerId)), query);
  }

  /** The periods with scorecards the reader may see: a staff member's own, a manager's teams', everyone's for the others. */
  periods(user: AuthUser): Promise<Array<{ period: string; scorecards: number }>> {
    return this.scorecards.periods(readerScopeOf(user));
  }

  /**
   * A scorecard with everything needed to explain it, as the JSON of a ScorecardDetailResponse (the hottest read: it
   * is put together without parsing the stored result, and kept while nothing it shows changes); 404 when unknown,
   * not visible, or its run has not succeeded.
   */
  async getDetail(user: AuthUser, id: string): Promise<ScorecardDetailBody> {
    const scope = readerScopeOf(user);
    // Staff read from the database: whether they may see a scorecard also depends on its period being published.
    const cached = scope.kind === 'self' ? undefined : this.details.detail(id);
    if (cached !== undefined) {
      if (await this.mayRead(scope, cached)) return cached;
      throw notFound('scorecard', id);
    }
    const token = this.details.token();
    const view = await this.scorecards.findVisible(scope, id);
    if (!view) throw notFound('scorecard', id);
    const outline = await this.outlines.one(user.institutionId, view.documentVersionId);
    const teamMean = view.teamId === null ? null : await this.teamMean(user.institutionId, view.runId, view.teamId, outline);
    const body = Buffer.from(scorecardDetailJson(view, outline, teamMean));
    const detail = {
      body,
      etag: weakEntityTag(body),
      institutionId: user.institutionId,
      staffId: view.staffId,
      teamIds: [view.teamId, view.staffTeamId].filter((teamId): teamId is string => teamId !== null),
    };
    this.details.keepDetail(token, id, detail);
    return detail;
  }

  /** Who may read a kept detail: the same rules as the scope's terms in ScorecardsRepository. */
  private async mayRead(scope: ReaderScope, detail: CachedScorecardDetail): Promise<boolean> {
    if (scope.kind !== 'teams') return readerMaySee(scope, detail, new Set());
    return readerMaySee(scope, detail, await this.teamsManagedBy(scope.institutionId, scope.managerId));
  }

  /** The ids of the teams a manager manages, kept while nothing announces a change. */
  private async teamsManagedBy(institutionId: string, managerId: string): Promise<ReadonlySet<string>> {
    let managed = this.details.teamsManagedBy(managerId);
    if (managed === undefined) {
      const token = this.details.token();
      managed = await this.scorecards.teamsManagedBy(institutionId, managerId);
      this.details.keepTeamsManagedBy(token, managerId, managed);
    }
    return managed;
  }

  /** Per period the staff member's current scorecard, oldest first, with the dimension names of the latest scheme. */
  async trend(user: AuthUser, staffId: string): Promise<TrendResponse> {
    const scope = readerScopeOf(user);
    const staff = await this.scorecards.findStaff(scope, staffId);
    if (!staff) throw notFound('staff', staffId);
    const points = await this.scorecards.trend(scope, staffId);
    // A manager may still see the scorecards from when the staff member was in one of their teams.
    if (!staff.visible && points.length === 0) throw notFound('staff', staffId);
    const latest = points.length === 0 ? null : await this.outlines.one(user.institutionId, points[points.length - 1].documentVersionId);
    return toTrendResponse(staff, points, latest);
  }

  /** Means, distributions and ranking over the current scorecards of one team for one period. */
  async teamSummary(user: AuthUser, teamId: string, period: string): Promise<TeamSummaryResponse> {
    const team = await this.scorecards.findTeam(user.institutionId, teamId);
    if (!team || (user.role === 'manager' && team.managerId !== user.id)) throw notFound('team', teamId);
    const members = await this.scorecards.teamMembers(readerScopeOf(user), teamId, period);
    const byVersion = await this.outlines.get(user.institutionId, members.map((member) => member.documentVersionId));
    // Newest version first: its names and order lead when a period mixes versions.
    const outlines = [...byVersion.values()].sort((a, b) => b.version - a.version || a.key.localeCompare(b.key));
    return summarise(team, period, members, outlines);
  }

  private teamMean(institutionId: string, runId: string, teamId: string, outline: SchemeOutline): Promise<TeamMeanView> {
    const key = `${institutionId}:${runId}:${teamId}:${outline.documentVersionId}`;
    let mean = this.teamMeans.get(key);
    if (!mean) {
      mean = this.scorecards.teamMean(institutionId, runId, teamId, outline.topLevelDimensions);
      this.teamMeans.set(key, mean);
      // A failed query is not remembered: the next reader tries again.
      void mean.catch(() => this.teamMeans.delete(key));
      if (this.teamMeans.size > ScorecardsService.TEAM_MEANS_LIMIT) this.teamMeans.delete(this.teamMeans.keys().next().value as string);
    }
    return mean;
  }
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

const rankKey = (composite: number) => Math.round(composite * RANK_DECIMALS);

export function summarise(team: { id: string; name: string }, period: string, members: readonly TeamSummaryMember[], outlines: readonly SchemeOutline[]): TeamSummaryResponse {
  const topLevel = mergedInOrder(
    outlines,
    (outline) => outline.dimensions.filter((dimension) => dimension.parentId === null),
    (dimension) => dimension.id,
  );
  const bands = mergedInOrder(outlines, (outline) => outline.bands, (band) => band.id);
  const zoneRules = mergedInOrder(outlines, (outline) => outline.zones, (zone) => zone.id);
  const colours = [...new Set(zoneRules.map((rule) => rule.zone))];
  const scored = members.filter((member) => member.composite !== null);

  const ranked = [...members].sort((a, b) => {
    if (a.composite === null || b.composite === null) return a.composite === b.composite ? a.staffCode.localeCompare(b.staffCode) : a.composite === null ? 1 : -1;
    return rankKey(b.composite) - rankKey(a.composite) || a.staffCode.localeCompare(b.staffCode);
  });
  let rank = 0;
  const ranking = ranked.map((member, index) => {
    if (member.composite !== null && (index === 0 || rankKey(member.composite) !== rankKey(ranked[index - 1].composite as number))) rank = index + 1;
    return {
      rank: member.composite === null ? null : rank,
      scorecardId: member.scorecardId,
      staffId: member.staffId,
      staffCode: member.staffCode,
      staffName: member.staffName,
      composite: member.composite,
      band: member.band,
      zone: member.zone,
    };
  });

  const schemes = outlines.map((outline) => ({ key: outline.key, version: outline.version }));
  return {
    teamId: team.id,
    teamName: team.name,
    period,
    count: members.length,
    scored: scored.length,
    meanComposite: mean(scored.map((member) => member.composite as number)),
    schemes,
    dimensions: topLevel.map((dimension) => ({
      id: dimension.id,
      name: dimension.name,
      mean: mean(members.flatMap((member) => (typeof member.dimensions[dimension.id] === 'number' ? [member.dimensions[dimension.id] as number] : []))),
    })),
    bands: bands.map((band) => ({ id: band.id, name: band.name, count: members.filter((member) => member.band === band.id).length })),
    unbanded: members.filter((member) => member.band === null).length,
    zones: colours.map((zone) => ({ zone, count: members.filter((member) => member.zone === zone).length })),
    noZone: members.filter((member) => member.zone === null).length,
    zoneRules: zoneRules.map((rule) => ({ id: rule.id, name: rule.name, zone: rule.zone, count: members.filter((member) => member.zoneHits.includes(rule.id)).length })),
    ranking,
  };
}
