-- On a Citus coordinator only (src/db/layout.ts): spreads the tables that grow with the events over the workers,
-- by user key and co-located, so every statement about one user, and every join on user_key, runs on one shard.
-- funnel_stages, small and joined by every build, is copied to every node; the ledger and settings stay local.
-- Idempotent: a table already in Citus' metadata, or not created yet, is left alone; run after each schema file.
DO $$
DECLARE
  t text;
BEGIN
  IF to_regclass('funnel_stages') IS NOT NULL
     AND NOT EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = to_regclass('funnel_stages')) THEN
    PERFORM create_reference_table('funnel_stages');
    -- the seeded rows were copied to the nodes; the coordinator's own copy would only take space
    PERFORM truncate_local_data_after_distributing_table('funnel_stages');
  END IF;
  FOREACH t IN ARRAY ARRAY['mobile_events', 'session_dirty_keys', 'sessions', 'session_users'] LOOP
    IF to_regclass(t) IS NOT NULL AND NOT EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = to_regclass(t)) THEN
      -- a group of its own for the events: another database's tables on the same cluster never constrain it
      PERFORM create_distributed_table(t, 'user_key',
        colocate_with => CASE WHEN t = 'mobile_events' THEN 'none' ELSE 'mobile_events' END);
      PERFORM truncate_local_data_after_distributing_table(t);
    END IF;
  END LOOP;
END $$;
