import { z } from 'zod';
import { idListFilter } from '../../common/http/list-query';
import type { TeamEntity } from './team.entity';

const teamName = z.string().trim().min(1).max(200);

export const createTeamSchema = z.strictObject({
  name: teamName,
  nameEn: teamName.nullable().optional(),
  /** A manager user of the institution: they see this team's staff and scorecards. */
  managerId: z.uuid().nullable().optional(),
});
export type CreateTeamRequest = z.infer<typeof createTeamSchema>;

export const updateTeamSchema = z.strictObject({
  name: teamName.optional(),
  nameEn: teamName.nullable().optional(),
  managerId: z.uuid().nullable().optional(),
});
export type UpdateTeamRequest = z.infer<typeof updateTeamSchema>;

export const teamFilterSchema = z.strictObject({
  id: idListFilter.optional(),
  q: z.string().max(200).optional(),
  /** A manager's id, or null for teams without a manager. */
  managerId: z.uuid().nullable().optional(),
});
export type TeamFilter = z.infer<typeof teamFilterSchema>;
export const TEAM_SORTABLE = ['id', 'name', 'nameEn', 'managerId', 'createdAt', 'updatedAt'] as const;

export const teamResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  managerId: z.uuid().nullable(),
  /** Staff assigned to the team, active or not (a team with staff cannot be deleted). */
  staffCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TeamResponse = z.infer<typeof teamResponseSchema>;

export function toTeamResponse(team: TeamEntity, staffCount: number): TeamResponse {
  return {
    id: team.id,
    name: team.name,
    nameEn: team.nameEn,
    managerId: team.managerId,
    staffCount,
    createdAt: team.createdAt.toISOString(),
    updatedAt: team.updatedAt.toISOString(),
  };
}

export function auditedTeam(team: TeamEntity) {
  return { name: team.name, nameEn: team.nameEn, managerId: team.managerId };
}
