import type { ChangePasswordRequest, passwordChanged } from '@samenspel/contracts';
import type { z } from 'zod';
import { sendJson } from '../../components/api.js';

export type PasswordChanged = z.infer<typeof passwordChanged>;

/** Changes one's password; the session is replaced by a new one (a new CSRF token: ask /me again). */
export function changePassword(body: ChangePasswordRequest): Promise<PasswordChanged> {
  return sendJson<PasswordChanged, ChangePasswordRequest>('PUT', '/api/v1/me/password', body);
}
