-- Inside the app's database, by the superuser (idempotent). The advisory-lock functions are PUBLIC by default: the
-- app's own locks (a load's, the presence lock that says which apps use the server) would be open to any statement
-- of the read-only console, which could wait on them, or hold one and keep the server from stopping. Only the owner
-- keeps them. Every function of the family, found by name, so one added in a later PostgreSQL is covered too.
DO $$
DECLARE
  f regprocedure;
BEGIN
  FOR f IN SELECT oid::regprocedure FROM pg_proc WHERE proname LIKE 'pg\_%advisory\_%' LOOP
    EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO explorer', f);
  END LOOP;
END
$$;
