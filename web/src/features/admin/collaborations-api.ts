import type {
  CollaborationDetail,
  CollaborationSummary,
  LegalBasisRequest,
  MemberRole,
  PurposeRequest,
  RetentionRecordKind,
  RetentionRequest,
} from '@samenspel/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson, sendJson } from '../../components/api.js';

export const collaborationsKey = ['collaborations'] as const;

export function useCollaborations() {
  return useQuery({
    queryKey: collaborationsKey,
    queryFn: ({ signal }) =>
      getJson<{ items: CollaborationSummary[] }>('/api/v1/collaborations', signal).then((r) => r.items),
    staleTime: 0,
  });
}

export function useCollaboration(id: string | undefined) {
  return useQuery({
    queryKey: [...collaborationsKey, id],
    enabled: Boolean(id),
    queryFn: ({ signal }) => getJson<CollaborationDetail>(`/api/v1/collaborations/${id}`, signal),
    staleTime: 0,
  });
}

/** A change to a collaboration by an administrator; the answer is the collaboration as it is now. */
export type CollaborationChange =
  | { type: 'member'; organisationId: string; role: MemberRole }
  | { type: 'end-membership'; organisationId: string }
  | ({ type: 'purpose' } & PurposeRequest)
  | ({ type: 'legal-basis' } & LegalBasisRequest)
  | ({ type: 'retention'; recordKind: RetentionRecordKind } & RetentionRequest);

function send(id: string, change: CollaborationChange): Promise<CollaborationDetail> {
  const path = `/api/v1/collaborations/${id}`;
  switch (change.type) {
    case 'member':
      return sendJson<CollaborationDetail, { role: MemberRole }>(
        'PUT',
        `${path}/members/${change.organisationId}`,
        {
          role: change.role,
        },
      );
    case 'end-membership':
      return sendJson<CollaborationDetail>('DELETE', `${path}/members/${change.organisationId}`);
    case 'purpose':
      return sendJson<CollaborationDetail, PurposeRequest>('POST', `${path}/purposes`, {
        code: change.code,
        description: change.description,
      });
    case 'legal-basis':
      return sendJson<CollaborationDetail, LegalBasisRequest>('POST', `${path}/legal-bases`, {
        code: change.code,
        name: change.name,
      });
    case 'retention':
      return sendJson<CollaborationDetail, RetentionRequest>(
        'PUT',
        `${path}/retention-terms/${change.recordKind}`,
        {
          runsFrom: change.runsFrom,
          months: change.months,
        },
      );
  }
}

export function useChangeCollaboration(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: CollaborationChange) => send(id, change),
    onSuccess: (detail) => {
      queryClient.setQueryData([...collaborationsKey, id], detail);
      void queryClient.invalidateQueries({ queryKey: collaborationsKey, exact: true });
    },
  });
}
