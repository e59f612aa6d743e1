-- A bare bulk load: psql's \copy of the file (fed on psql's standard input) into the plain table.
-- No validation, no deduplication, no ledger, no index to maintain.
\copy mobile_events FROM pstdin WITH (FORMAT csv, DELIMITER ';', HEADER true)
