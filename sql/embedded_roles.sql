-- The embedded database's roles, made once by its superuser (idempotent: run again, it changes nothing).
-- explorer owns the app's database and tables and is no superuser, so nothing the app runs can reach the server's
-- files or programs; explorer_reader can only read (pg_read_all_data) and runs the console's read-only statements.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'explorer') THEN
    CREATE ROLE explorer LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'explorer_reader') THEN
    CREATE ROLE explorer_reader LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE IN ROLE pg_read_all_data;
  END IF;
END
$$;
