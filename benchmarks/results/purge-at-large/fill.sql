-- 300,000 more live sessions in each app's table (the old layout's in sessionmap_bench_before, the new one's in
-- sessionmap_bench), three in four logged in as one of 100,000 users, expiring over the next day; the new table's
-- purge time is the expiry time, as an INSERT sets it. Run with the apps stopped, then load.sh with
-- APP_ARGS=--bench.reset=false so that the apps keep them.
TRUNCATE sessionmap_bench_before.sessionmap_session;
TRUNCATE sessionmap_bench.sessionmap_session;
INSERT INTO sessionmap_bench_before.sessionmap_session
    (id_hash, data, created_at, last_accessed_at, expires_at, timeout_seconds, version, principal_name)
SELECT md5(i::text) || md5((-i)::text),
       CASE WHEN i % 4 = 0 THEN '{"count":' || i || '}' ELSE '{"count":' || i || ',"_principal":"user-' || (i % 100000) || '"}' END,
       (extract(epoch FROM now()) * 1000)::bigint - 60000, (extract(epoch FROM now()) * 1000)::bigint - 60000,
       (extract(epoch FROM now()) * 1000)::bigint + 3600000 + (i % 86400) * 1000, NULL, 0,
       CASE WHEN i % 4 = 0 THEN NULL ELSE 'user-' || (i % 100000) END
FROM generate_series(1, 300000) AS i;
INSERT INTO sessionmap_bench.sessionmap_session
    (id_hash, data, created_at, last_accessed_at, expires_at, purge_at, timeout_seconds, version, principal_name)
SELECT id_hash, data, created_at, last_accessed_at, expires_at, expires_at, timeout_seconds, version, principal_name
FROM sessionmap_bench_before.sessionmap_session;
VACUUM ANALYZE sessionmap_bench_before.sessionmap_session;
VACUUM ANALYZE sessionmap_bench.sessionmap_session;
SELECT n.nspname, c.relname, pg_size_pretty(pg_relation_size(c.oid)) AS size
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('sessionmap_bench', 'sessionmap_bench_before') AND c.relname LIKE 'sessionmap_session%'
ORDER BY 1, 2;
