import {
  Link,
  Page,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
  SkipLink,
} from '@utrecht/component-library-react';
import { Outlet, Link as RouterLink, useNavigation } from 'react-router';
import { Loading } from '../components/loading.js';
import { UserMenu } from '../features/auth/user-menu.js';
import { SearchBox } from '../features/search/search-box.js';
import { t } from '../i18n/i18n.js';
import { MainNav } from './main-nav.js';

export function Layout() {
  // A page's code is fetched on its first visit: say so while it comes (rarely over a moment).
  const navigating = useNavigation().state === 'loading';
  return (
    <>
      <SkipLink href="#inhoud">{t('app.skipToContent')}</SkipLink>
      <Page>
        <PageHeader className="samenspel-header">
          <RouterLink to="/" className="samenspel-header__brand">
            <span className="samenspel-header__title">{t('app.name')}</span>
            <span className="samenspel-header__tagline">{t('app.tagline')}</span>
          </RouterLink>
          <SearchBox />
          <UserMenu />
        </PageHeader>
        <MainNav />
        <PageContent>
          <main id="inhoud" tabIndex={-1} aria-busy={navigating}>
            {navigating ? <Loading /> : null}
            <Outlet />
          </main>
        </PageContent>
        <PageFooter className="samenspel-footer">
          <Paragraph>{t('app.footer')}</Paragraph>
          <Paragraph>
            <Link href="/api/v1/openapi.json">{t('app.apiLink')}</Link>
          </Paragraph>
        </PageFooter>
      </Page>
    </>
  );
}
