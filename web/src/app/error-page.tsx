import { Heading1, Link, Paragraph } from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { t } from '../i18n/i18n.js';

/**
 * What a page shows when it breaks: a Dutch explanation and a way back, never a stack trace.
 * Every route renders it in place of its own content, inside the layout.
 */
export function ErrorPage() {
  useEffect(() => {
    document.title = `${t('error.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('error.title')}</Heading1>
      <Paragraph>{t('error.body')}</Paragraph>
      <Paragraph>
        <Link href={window.location.href}>{t('error.again')}</Link>
        {' · '}
        <Link href="/">{t('notFound.home')}</Link>
      </Paragraph>
    </>
  );
}
