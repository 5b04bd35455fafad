import type { SignalDetail } from '@samenspel/contracts';
import { ButtonGroup, ButtonLink, Paragraph } from '@utrecht/component-library-react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { useCaseOfSignal } from './cases-api.js';

/**
 * On an accepted signal: "Casus starten" for whoever may start cases while it has none, opening
 * the new-case form filled in from the signal; once a case exists, the way to it.
 */
export function StartCaseButton({ signal }: { signal: SignalDetail }) {
  const me = useMe();
  const navigate = useNavigate();
  const accepted = signal.decision === 'accepted';
  const existing = useCaseOfSignal(signal.id, accepted && can(me.data, 'case.read'));
  if (!accepted || existing.isPending || existing.isError) return null;
  if (existing.data)
    return (
      <Paragraph>
        {t('caseNew.becameCase')}{' '}
        <RouterLink className="utrecht-link" to={`/casussen/${existing.data.id}`}>
          {existing.data.codeName} ({existing.data.reference})
        </RouterLink>
      </Paragraph>
    );
  if (!can(me.data, 'case.create')) return null;
  return (
    <ButtonGroup>
      <ButtonLink
        appearance="primary-action-button"
        href={`/casussen/nieuw?signaal=${signal.id}`}
        onClick={(event) => {
          // In the app without reloading it; a new tab or window still opens the address.
          if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          void navigate(`/casussen/nieuw?signaal=${signal.id}`);
        }}
      >
        {t('cases.start')}
      </ButtonLink>
    </ButtonGroup>
  );
}
