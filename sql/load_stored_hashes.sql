-- Which of a batch's rows are stored already, by their identity (user key, row hash), as 32 hex digits.
-- $1: user keys, $2: row hashes (pairwise).
SELECT replace(e.row_hash::text, '-', '') AS hash
  FROM unnest($1::text[], $2::uuid[]) AS b (user_key, row_hash)
  JOIN mobile_events e ON e.user_key = b.user_key AND e.row_hash = b.row_hash
