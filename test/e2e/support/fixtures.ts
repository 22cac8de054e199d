import { randomBytes } from 'node:crypto';
import type { Role } from '@carescore/engine';
import { hashPassword } from '../../../apps/api/src/modules/auth/password';
import { InstitutionsRepository } from '../../../apps/api/src/modules/institutions/institutions.repository';
import { UsersRepository } from '../../../apps/api/src/modules/users/users.repository';
import type { TestApp } from './test-app';

export const PASSWORD = 'correct horse battery';

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  token: string;
}

export interface TestInstitution {
  id: string;
  name: string;
  admin: TestUser;
  quality: TestUser;
  manager: TestUser;
  staff: TestUser;
}

let passwordHash: Promise<string> | undefined;

/** A new institution with one user per role, each signed in through the real login endpoint. */
export async function createInstitution(t: TestApp, label = 'Clinic'): Promise<TestInstitution> {
  const suffix = randomBytes(3).toString('hex');
  const institution = await t.app.get(InstitutionsRepository).insert(`${label} ${suffix}`);
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const users = t.app.get(UsersRepository);
  const make = async (role: Role): Promise<TestUser> => {
    const email = `${role}.${suffix}@${label.toLowerCase().replace(/\W+/g, '')}.test`;
    const user = await users.insert({ institutionId: institution.id, email, name: `${role} ${suffix}`, passwordHash: hash, role, staffId: null, locale: 'en', active: true });
    return { id: user.id, email, role, token: await login(t, email) };
  };
  return {
    id: institution.id,
    name: institution.name,
    admin: await make('admin'),
    quality: await make('quality_officer'),
    manager: await make('manager'),
    staff: await make('staff'),
  };
}

export async function login(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const response = await t.http().post('/api/auth/login').send({ email, password });
  if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { token: string }).token;
}

export const bearer = (user: TestUser) => ({ Authorization: `Bearer ${user.token}` });
