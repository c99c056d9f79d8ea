// Serving one of the local AWS endpoints on a free port of 127.0.0.1.
import type * as http from 'http';
import type { AddressInfo } from 'net';

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

export async function serveLocally(server: http.Server): Promise<LocalServer> {
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
