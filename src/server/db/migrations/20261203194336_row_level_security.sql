-- Tenant isolation, second lock (ADR 003): the application works as sejf_app (no BYPASSRLS) with
-- per-transaction settings sejf.agency_id / sejf.user_id / sejf.role / sejf.collaborator_id, and as
-- sejf_system only for pre-authentication lookups and background jobs. Every table forces RLS, so
-- even the owning role sees nothing without a policy.
DO $$ BEGIN
  CREATE ROLE sejf_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  CREATE ROLE sejf_system NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
DO $$ BEGIN
  GRANT sejf_app, sejf_system TO CURRENT_USER;
EXCEPTION WHEN duplicate_object OR unique_violation OR invalid_grant_operation THEN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sejf_agency() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('sejf.agency_id', true), '')::uuid
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sejf_user() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('sejf.user_id', true), '')::uuid
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sejf_collaborator() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('sejf.collaborator_id', true), '')::uuid
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sejf_role() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('sejf.role', true), '')
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sejf_is_staff() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('sejf.role', true), '') IN ('owner', 'staff'), false)
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO sejf_app, sejf_system;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION sejf_agency(), sejf_user(), sejf_collaborator(), sejf_role(), sejf_is_staff() TO sejf_app, sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO sejf_system;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO sejf_app, sejf_system;
--> statement-breakpoint
GRANT SELECT, UPDATE ON users TO sejf_app;
--> statement-breakpoint
GRANT SELECT, UPDATE ON sessions TO sejf_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON second_factors TO sejf_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON recovery_codes TO sejf_app;
--> statement-breakpoint
GRANT SELECT, UPDATE, DELETE ON known_devices TO sejf_app;
--> statement-breakpoint
GRANT SELECT, UPDATE ON agencies TO sejf_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON collaborators TO sejf_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON memberships TO sejf_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON invitations TO sejf_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON documents TO sejf_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON document_files TO sejf_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON document_receipts TO sejf_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO sejf_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON audit_heads TO sejf_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON outbox TO sejf_app;
--> statement-breakpoint
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_system ON users FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sessions_system ON sessions FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE second_factors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE second_factors FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY second_factors_system ON second_factors FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE recovery_codes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE recovery_codes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY recovery_codes_system ON recovery_codes FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE known_devices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE known_devices FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY known_devices_system ON known_devices FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE auth_throttles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE auth_throttles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY auth_throttles_system ON auth_throttles FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE setup_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE setup_tokens FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY setup_tokens_system ON setup_tokens FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE agencies ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agencies FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY agencies_system ON agencies FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE collaborators ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE collaborators FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY collaborators_system ON collaborators FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY memberships_system ON memberships FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY invitations_system ON invitations FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY documents_system ON documents FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE document_files ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE document_files FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY document_files_system ON document_files FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE document_receipts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE document_receipts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY document_receipts_system ON document_receipts FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_events_system ON audit_events FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE audit_heads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_heads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_heads_system ON audit_heads FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outbox FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY outbox_system ON outbox FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY users_select ON users FOR SELECT TO sejf_app USING (
  id = sejf_user() OR EXISTS (
    SELECT 1 FROM memberships m
    WHERE m.user_id = users.id AND m.agency_id = sejf_agency() AND (sejf_is_staff() OR m.role IN ('owner', 'staff'))
  )
);
--> statement-breakpoint
CREATE POLICY users_update ON users FOR UPDATE TO sejf_app USING (id = sejf_user()) WITH CHECK (id = sejf_user());
--> statement-breakpoint
CREATE POLICY sessions_own ON sessions FOR ALL TO sejf_app USING (user_id = sejf_user()) WITH CHECK (user_id = sejf_user());
--> statement-breakpoint
CREATE POLICY second_factors_own ON second_factors FOR ALL TO sejf_app USING (user_id = sejf_user()) WITH CHECK (user_id = sejf_user());
--> statement-breakpoint
CREATE POLICY recovery_codes_own ON recovery_codes FOR ALL TO sejf_app USING (user_id = sejf_user()) WITH CHECK (user_id = sejf_user());
--> statement-breakpoint
CREATE POLICY known_devices_own ON known_devices FOR ALL TO sejf_app USING (user_id = sejf_user()) WITH CHECK (user_id = sejf_user());
--> statement-breakpoint
CREATE POLICY agencies_select ON agencies FOR SELECT TO sejf_app USING (
  id = sejf_agency() OR EXISTS (SELECT 1 FROM memberships m WHERE m.agency_id = agencies.id AND m.user_id = sejf_user())
);
--> statement-breakpoint
CREATE POLICY agencies_update ON agencies FOR UPDATE TO sejf_app USING (id = sejf_agency() AND sejf_role() = 'owner') WITH CHECK (id = sejf_agency());
--> statement-breakpoint
CREATE POLICY collaborators_select ON collaborators FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND (sejf_is_staff() OR id = sejf_collaborator()));
--> statement-breakpoint
CREATE POLICY collaborators_insert ON collaborators FOR INSERT TO sejf_app WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY collaborators_update ON collaborators FOR UPDATE TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency());
--> statement-breakpoint
CREATE POLICY memberships_select ON memberships FOR SELECT TO sejf_app USING (
  (agency_id = sejf_agency() AND (sejf_is_staff() OR role IN ('owner', 'staff'))) OR user_id = sejf_user()
);
--> statement-breakpoint
CREATE POLICY memberships_insert ON memberships FOR INSERT TO sejf_app WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY memberships_update ON memberships FOR UPDATE TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency());
--> statement-breakpoint
CREATE POLICY invitations_staff ON invitations FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY documents_select ON documents FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND (sejf_is_staff() OR collaborator_id = sejf_collaborator()));
--> statement-breakpoint
CREATE POLICY documents_write ON documents FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY document_files_select ON document_files FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND (sejf_is_staff() OR collaborator_id = sejf_collaborator()));
--> statement-breakpoint
CREATE POLICY document_files_write ON document_files FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY document_receipts_select ON document_receipts FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND (sejf_is_staff() OR user_id = sejf_user()));
--> statement-breakpoint
CREATE POLICY document_receipts_insert ON document_receipts FOR INSERT TO sejf_app WITH CHECK (agency_id = sejf_agency() AND user_id = sejf_user() AND (sejf_is_staff() OR collaborator_id = sejf_collaborator()));
--> statement-breakpoint
CREATE POLICY audit_events_select ON audit_events FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND sejf_role() = 'owner');
--> statement-breakpoint
CREATE POLICY audit_events_insert ON audit_events FOR INSERT TO sejf_app WITH CHECK (agency_id = sejf_agency());
--> statement-breakpoint
CREATE POLICY audit_heads_agency ON audit_heads FOR ALL TO sejf_app USING (agency_id = sejf_agency()) WITH CHECK (agency_id = sejf_agency());
--> statement-breakpoint
CREATE POLICY outbox_insert ON outbox FOR INSERT TO sejf_app WITH CHECK (agency_id = sejf_agency());
--> statement-breakpoint
CREATE POLICY outbox_select ON outbox FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND sejf_role() = 'owner');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sejf_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION sejf_refuse_audit_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION sejf_refuse_audit_change();
