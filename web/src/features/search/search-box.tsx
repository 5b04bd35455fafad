import { Button, Textbox } from '@utrecht/component-library-react';
import { type FormEvent, useId, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import './search.css';

/** Where the results page finds the query: in the history entry's state, never in the address. */
export interface SearchState {
  q: string;
}

export function searchQueryOf(state: unknown): string {
  return typeof state === 'object' && state !== null && typeof (state as SearchState).q === 'string'
    ? (state as SearchState).q
    : '';
}

/**
 * The search box in the header: type, press Enter, and the results page opens with what was found.
 * The query travels in the history entry's state, not the address, since it may be a BSN or a name.
 */
export function SearchBox() {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const id = useId();
  const [q, setQ] = useState('');
  if (me.data?.session.state !== 'active' || !can(me.data, 'search.use')) return null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = q.trim();
    if (!query) return;
    setQ('');
    const state: SearchState = { q: query };
    void navigate('/zoeken', { state, replace: location.pathname === '/zoeken' });
  }

  return (
    <search className="samenspel-searchbox" aria-label={t('search.label')}>
      <form onSubmit={submit}>
        <label htmlFor={id} className="samenspel-visually-hidden">
          {t('search.label')}
        </label>
        <Textbox
          id={id}
          type="search"
          name="q"
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
        />
        <Button type="submit" appearance="secondary-action-button">
          {t('search.submit')}
        </Button>
      </form>
    </search>
  );
}
