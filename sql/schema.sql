-- Tables of the event log and its load ledger. Every statement is idempotent: the pipeline runs this on every load.

CREATE TABLE IF NOT EXISTS load_runs (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file             text        NOT NULL,
  file_size        bigint      NOT NULL,
  -- size and a digest of the first MiB: a rerun of an unchanged file resumes instead of starting over
  file_fingerprint text        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  started_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz,
  read_rows        bigint      NOT NULL DEFAULT 0,
  inserted         bigint      NOT NULL DEFAULT 0,
  duplicates       bigint      NOT NULL DEFAULT 0,
  rejected         bigint      NOT NULL DEFAULT 0,
  -- the last source line whose batch is committed: where a resumed run picks up
  committed_line   bigint      NOT NULL DEFAULT 0,
  -- 1, plus one for every rerun that resumed this run after an interruption
  attempts         integer     NOT NULL DEFAULT 1,
  error            text
);

CREATE TABLE IF NOT EXISTS load_rejects (
  run_id bigint NOT NULL REFERENCES load_runs (id) ON DELETE CASCADE,
  line   bigint NOT NULL,
  reason text   NOT NULL,
  raw    text   NOT NULL,
  PRIMARY KEY (run_id, line)
);

-- The seed's table and its eight columns, plus normalised keys, the row hash and the source line.
CREATE TABLE IF NOT EXISTS mobile_events (
  anonymous_id        text      NOT NULL,
  business_zoned      text,
  context_app_version text,
  context_device_id   text,
  context_os_name     text,
  event_name          text      NOT NULL,
  received_at         timestamp NOT NULL,
  created_at          timestamp NOT NULL,
  -- the session keys, case-folded by the loader (src/etl/keys.ts): anonymous_id, and context_device_id or ''.
  -- COLLATE "C" on every user_key: Citus co-locates tables only on keys of one collation (session_users needs "C")
  user_key            text      COLLATE "C" NOT NULL,
  device_key          text      NOT NULL,
  -- md5 of the eight fields as read: the identity of a delivery, so a reload or a double delivery adds nothing
  row_hash            uuid      NOT NULL,
  load_run_id         bigint    NOT NULL,
  source_line         bigint    NOT NULL
);

-- A database made before the loader computed the keys: its generated keys become plain columns, values kept.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute
              WHERE attrelid = 'mobile_events'::regclass AND attname IN ('user_key', 'device_key') AND attgenerated <> '') THEN
    ALTER TABLE mobile_events ALTER COLUMN user_key DROP EXPRESSION, ALTER COLUMN device_key DROP EXPRESSION;
  END IF;
END $$;

-- The identity index (sql/load_identity_index.sql) is made by src/etl/bulk.ts, which first finishes a bulk load
-- cut off before its index. It replaces the unique index on the hash alone of earlier versions.
DROP INDEX IF EXISTS mobile_events_row_hash;

CREATE TABLE IF NOT EXISTS explorer_settings (
  key   text PRIMARY KEY,
  value text NOT NULL
);

-- This database's own identity, made once: files named after a database (the rejects) never collide with another
-- database's, even one that has the same name on the same server (a schema of its own, a copied folder).
INSERT INTO explorer_settings (key, value) VALUES ('database_id', gen_random_uuid()::text) ON CONFLICT (key) DO NOTHING;

-- Keys that received new rows since their sessions were last built. The loader adds to it in the same
-- transaction as the rows; the sessions step rebuilds those keys and empties it in one transaction of its own.
CREATE TABLE IF NOT EXISTS session_dirty_keys (
  user_key   text COLLATE "C" NOT NULL,
  device_key text NOT NULL,
  PRIMARY KEY (user_key, device_key)
);

-- A database made before every user_key was COLLATE "C" (Citus co-locates only keys of one collation): the columns
-- change collation in place; equal keys stay equal, only their indexes are rebuilt.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['mobile_events', 'session_dirty_keys'] LOOP
    IF (SELECT attcollation FROM pg_attribute WHERE attrelid = t::regclass AND attname = 'user_key') <> '"C"'::regcollation THEN
      EXECUTE format('ALTER TABLE %I ALTER COLUMN user_key TYPE text COLLATE "C"', t);
    END IF;
  END LOOP;
END $$;
