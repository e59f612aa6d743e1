-- After a bulk load (rows COPYed without the identity index), on {{events}} (mobile_events, or one partition of
-- it): keeps the first delivery of every (user_key, row_hash) (lowest run, then line) and deletes the others.
-- Returns how many rows of each run it deleted, for the caller to move from the run's inserted count to its
-- duplicates in the same transaction, so read = inserted + duplicates + rejected stays exact. Only the repeated
-- identities are sorted.
WITH repeated AS (
  SELECT user_key, row_hash FROM {{events}} GROUP BY user_key, row_hash HAVING count(*) > 1
), ranked AS (
  SELECT e.ctid AS row_id,
         row_number() OVER (PARTITION BY e.user_key, e.row_hash ORDER BY e.load_run_id, e.source_line) AS nth
    FROM {{events}} e JOIN repeated r ON r.user_key = e.user_key AND r.row_hash = e.row_hash
), removed AS (
  DELETE FROM {{events}} e USING ranked r WHERE e.ctid = r.row_id AND r.nth > 1 RETURNING e.load_run_id
)
SELECT load_run_id AS id, count(*)::integer AS removed FROM removed GROUP BY load_run_id ORDER BY load_run_id
