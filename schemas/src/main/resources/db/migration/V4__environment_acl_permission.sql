-- What a grant allows. 'read' is the environment's logs, history and status;
-- 'exec' also opens a terminal in it (as Kubernetes keeps pods/exec apart from
-- pods/log), and implies 'read'. One grant per principal still: raising a
-- grant is an UPDATE of its row. Grants written before this migration keep
-- the meaning they had, read.
ALTER TABLE environment_acl
  ADD COLUMN permission text NOT NULL DEFAULT 'read' CHECK (permission IN ('read', 'exec'));
