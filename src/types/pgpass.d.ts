/** The parts of the pgpass package (node-postgres' reader of ~/.pgpass) this app uses. */
declare module 'pgpass/lib/helper.js' {
  export interface PgpassConnection {
    host: string;
    port: number | string;
    database: string;
    user: string;
  }
  interface PgpassHelper {
    /** The password of the first line of the stream that matches the connection, or undefined. */
    getPassword(connection: PgpassConnection, stream: NodeJS.ReadableStream, done: (password: string | undefined) => void): void;
  }
  const helper: PgpassHelper;
  export default helper;
}
