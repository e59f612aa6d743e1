import pg from 'pg';

/** What node-postgres keeps of a connection and leaves out of its types: what a cancel request needs. */
interface ClientInternals {
  processID: number | null;
  secretKey: number | null;
  connectionParameters: { host: string; port: number; ssl: pg.ClientConfig['ssl'] };
}

interface CancelConnection {
  connect(portOrPath: number | string, host?: string): void;
  cancel(processID: number, secretKey: number): void;
}

/**
 * Asks the server to cancel whatever `client` runs now: PostgreSQL's cancel request, sent on a connection of its
 * own with the backend's key, so it needs no privilege and works while the client waits for its answer.
 */
export function cancelRunning(client: pg.PoolClient): Promise<void> {
  const { processID, secretKey, connectionParameters } = client as unknown as ClientInternals;
  if (processID === null || secretKey === null) return Promise.resolve();
  const { host, port, ssl } = connectionParameters;
  const connection = new pg.Connection({ ssl }) as pg.Connection & CancelConnection;
  return new Promise((resolve) => {
    connection.once('connect', () => connection.cancel(processID, secretKey));
    // The server closes the connection once it has read the request; a refused one has nothing left to cancel.
    connection.once('end', () => resolve());
    connection.once('error', () => resolve());
    if (host.startsWith('/')) connection.connect(`${host}/.s.PGSQL.${port}`);
    else connection.connect(port, host);
  });
}
