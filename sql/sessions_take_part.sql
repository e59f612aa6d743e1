-- Full build, one partition (suffix {{part}} of the tables' names: _p3): forget its sessions; every key of it will
-- be built. Readers of these partitions wait for the build's commit, as they waited for the TRUNCATE of the whole
-- table before partitions.
TRUNCATE sessions{{part}}, session_users{{part}}
