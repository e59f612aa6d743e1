-- Full build, one partition (suffix {{part}}): its keys are built; marks of them made before the build are done with.
DELETE FROM session_dirty_keys{{part}}
