import { Heading1, Link, Paragraph } from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { t } from '../i18n/i18n.js';

export function NotFoundPage() {
  useEffect(() => {
    document.title = `${t('notFound.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('notFound.title')}</Heading1>
      <Paragraph>{t('notFound.body')}</Paragraph>
      <Paragraph>
        <Link href="/">{t('notFound.home')}</Link>
      </Paragraph>
    </>
  );
}
