import '@utrecht/component-library-css/dist/index.css';
import 'leaflet/dist/leaflet.css';
import './theme/tokens.css';
import './app/app.css';
import { configureDutchMessages } from '@samenspel/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Layout } from './app/layout.js';
import { NotFoundPage } from './app/not-found-page.js';
import { RegionPage } from './features/region/region-page.js';

configureDutchMessages();

const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 5 * 60_000, retry: 1 } } });

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <RegionPage /> },
      { path: 'regio/:regionId', element: <RegionPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
