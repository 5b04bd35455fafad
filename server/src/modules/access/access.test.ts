import type { Role } from '@samenspel/contracts';
import { describe, expect, it } from 'vitest';
import { createAccess } from '../../app/access.js';
import type { Actor } from '../../shared/context.js';
import { Access } from './access.js';

const user = (roles: Role[]): Extract<Actor, { kind: 'user' }> => ({
  kind: 'user',
  userId: 'u',
  email: 'u@test.example',
  regionId: 'r',
  organisationId: 'o',
  roles,
  pendingSecondFactor: false,
  sessionHash: 'h',
});

describe('access rules', () => {
  it('give every permission exactly one rule', () => {
    expect(createAccess().unruled()).toEqual([]);
    expect(() => new Access({ 'user.read': { roles: [] } }, { 'user.read': { roles: [] } })).toThrow(
      /Two access rules/,
    );
  });

  it('deny by default: a permission without a rule is held by nobody', () => {
    const access = new Access({});
    expect(access.permissionsOf(user(['administrator']))).toEqual([]);
  });

  it('give the privacy officer the log and the administrator the users, and nobody anything while enrolling', () => {
    const access = createAccess();
    expect(access.permissionsOf(user(['privacy_officer']))).toEqual([
      'reference.read',
      'audit.read',
      'audit.export',
      'processing-activity.read',
      'collaboration.read',
      'notification.read',
      // The published annual report is for every signed-in user of the region.
      'annual-report.read',
      // The privacy lifecycle: destruction lists, legal holds, the job runs.
      'retention.read',
      'retention.manage',
      'retention.approve',
      'legal-hold.manage',
      'job.read',
      // The region's one contact point for data-subject requests, and the owner of a task.
      'dsr.manage',
      'dsr.decide',
    ]);
    expect(access.permissionsOf(user(['administrator']))).toContain('user.manage');
    expect(access.permissionsOf(user(['administrator']))).toContain('collaboration.manage');
    expect(access.permissionsOf(user(['administrator']))).not.toContain('audit.read');
    expect(access.permissionsOf({ ...user(['administrator']), pendingSecondFactor: true })).toEqual([]);
  });

  it('let an API token hold only what it was given and tokens may carry', () => {
    const access = createAccess();
    const token: Actor = {
      kind: 'api-token',
      tokenId: 't',
      regionId: 'r',
      organisationId: 'o',
      permissions: ['reference.read', 'user.manage'],
    };
    expect(access.permissionsOf(token)).toEqual(['reference.read']);
  });
});
