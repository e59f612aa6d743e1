-- After a bulk load (rows COPYed without the identity index): keeps the first delivery of every (user_key, row_hash)
-- (lowest run, then line), deletes the others, and moves them from each run's inserted count to its duplicates, so
-- read = inserted + duplicates + rejected stays exact. Only the repeated identities are sorted.
WITH repeated AS (
  SELECT user_key, row_hash FROM mobile_events GROUP BY user_key, row_hash HAVING count(*) > 1
), ranked AS (
  SELECT e.ctid AS row_id,
         row_number() OVER (PARTITION BY e.user_key, e.row_hash ORDER BY e.load_run_id, e.source_line) AS nth
    FROM mobile_events e JOIN repeated r ON r.user_key = e.user_key AND r.row_hash = e.row_hash
), removed AS (
  DELETE FROM mobile_events e USING ranked r WHERE e.ctid = r.row_id AND r.nth > 1 RETURNING e.load_run_id
)
UPDATE load_runs l
   SET inserted = l.inserted - c.n, duplicates = l.duplicates + c.n
  FROM (SELECT load_run_id, count(*) AS n FROM removed GROUP BY load_run_id) c
 WHERE l.id = c.load_run_id
RETURNING l.id, c.n::integer AS removed
