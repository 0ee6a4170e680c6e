-- Row-level security for the commission engine and the settlement cycle (see 20261203194336 for the model).
-- Collaborators see their own rows only once the statement they belong to is published.
GRANT SELECT, INSERT, UPDATE, DELETE ON insurers TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON insurers TO sejf_app;
--> statement-breakpoint
ALTER TABLE insurers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE insurers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY insurers_system ON insurers FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON agent_codes TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON agent_codes TO sejf_app;
--> statement-breakpoint
ALTER TABLE agent_codes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE agent_codes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY agent_codes_system ON agent_codes FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON import_templates TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON import_templates TO sejf_app;
--> statement-breakpoint
ALTER TABLE import_templates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE import_templates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY import_templates_system ON import_templates FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON imports TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON imports TO sejf_app;
--> statement-breakpoint
ALTER TABLE imports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE imports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY imports_system ON imports FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON import_row_errors TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON import_row_errors TO sejf_app;
--> statement-breakpoint
ALTER TABLE import_row_errors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE import_row_errors FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY import_row_errors_system ON import_row_errors FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON commission_lines TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON commission_lines TO sejf_app;
--> statement-breakpoint
ALTER TABLE commission_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE commission_lines FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY commission_lines_system ON commission_lines FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON split_rules TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON split_rules TO sejf_app;
--> statement-breakpoint
ALTER TABLE split_rules ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE split_rules FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY split_rules_system ON split_rules FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON settlement_periods TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON settlement_periods TO sejf_app;
--> statement-breakpoint
ALTER TABLE settlement_periods ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE settlement_periods FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY settlement_periods_system ON settlement_periods FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON period_reopenings TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT ON period_reopenings TO sejf_app;
--> statement-breakpoint
ALTER TABLE period_reopenings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE period_reopenings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY period_reopenings_system ON period_reopenings FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON adjustments TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON adjustments TO sejf_app;
--> statement-breakpoint
ALTER TABLE adjustments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE adjustments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY adjustments_system ON adjustments FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON statements TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON statements TO sejf_app;
--> statement-breakpoint
ALTER TABLE statements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE statements FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY statements_system ON statements FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON statement_lines TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT ON statement_lines TO sejf_app;
--> statement-breakpoint
ALTER TABLE statement_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE statement_lines FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY statement_lines_system ON statement_lines FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON disputes TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON disputes TO sejf_app;
--> statement-breakpoint
ALTER TABLE disputes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE disputes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY disputes_system ON disputes FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON statement_messages TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT ON statement_messages TO sejf_app;
--> statement-breakpoint
ALTER TABLE statement_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE statement_messages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY statement_messages_system ON statement_messages FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON invoices TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON invoices TO sejf_app;
--> statement-breakpoint
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY invoices_system ON invoices FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON number_series TO sejf_system;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON number_series TO sejf_app;
--> statement-breakpoint
ALTER TABLE number_series ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE number_series FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY number_series_system ON number_series FOR ALL TO sejf_system USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY agent_codes_staff ON agent_codes FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY import_templates_staff ON import_templates FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY imports_staff ON imports FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY import_row_errors_staff ON import_row_errors FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY split_rules_staff ON split_rules FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY number_series_staff ON number_series FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY commission_lines_staff ON commission_lines FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY adjustments_staff ON adjustments FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY statements_staff ON statements FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY statement_lines_staff ON statement_lines FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY disputes_staff ON disputes FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY statement_messages_staff ON statement_messages FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY invoices_staff ON invoices FOR ALL TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY insurers_select ON insurers FOR SELECT TO sejf_app USING (agency_id = sejf_agency());
--> statement-breakpoint
CREATE POLICY insurers_write ON insurers FOR INSERT TO sejf_app WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY insurers_update ON insurers FOR UPDATE TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY settlement_periods_select ON settlement_periods FOR SELECT TO sejf_app USING (agency_id = sejf_agency());
--> statement-breakpoint
CREATE POLICY settlement_periods_insert ON settlement_periods FOR INSERT TO sejf_app WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY settlement_periods_update ON settlement_periods FOR UPDATE TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff()) WITH CHECK (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY period_reopenings_select ON period_reopenings FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND sejf_is_staff());
--> statement-breakpoint
CREATE POLICY period_reopenings_insert ON period_reopenings FOR INSERT TO sejf_app WITH CHECK (agency_id = sejf_agency() AND sejf_role() = 'owner' AND reopened_by = sejf_user());
--> statement-breakpoint
CREATE POLICY commission_lines_own ON commission_lines FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND EXISTS (SELECT 1 FROM settlement_periods p WHERE p.id = settled_period_id AND p.status IN ('published', 'closed')));
--> statement-breakpoint
CREATE POLICY adjustments_own ON adjustments FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND deleted_at IS NULL AND EXISTS (SELECT 1 FROM settlement_periods p WHERE p.id = period_id AND p.status IN ('published', 'closed')));
--> statement-breakpoint
CREATE POLICY statements_own ON statements FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND published_at IS NOT NULL);
--> statement-breakpoint
CREATE POLICY statements_accept ON statements FOR UPDATE TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND published_at IS NOT NULL) WITH CHECK (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND published_at IS NOT NULL);
--> statement-breakpoint
CREATE POLICY statement_lines_own ON statement_lines FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND EXISTS (SELECT 1 FROM statements s WHERE s.id = statement_id AND s.published_at IS NOT NULL));
--> statement-breakpoint
CREATE POLICY disputes_own ON disputes FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator());
--> statement-breakpoint
CREATE POLICY disputes_own_insert ON disputes FOR INSERT TO sejf_app WITH CHECK (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND created_by = sejf_user() AND EXISTS (SELECT 1 FROM statements s WHERE s.id = statement_id AND s.published_at IS NOT NULL));
--> statement-breakpoint
CREATE POLICY statement_messages_own ON statement_messages FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator());
--> statement-breakpoint
CREATE POLICY statement_messages_own_insert ON statement_messages FOR INSERT TO sejf_app WITH CHECK (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND author_id = sejf_user() AND EXISTS (SELECT 1 FROM settlement_periods p WHERE p.id = period_id AND p.status IN ('published', 'closed')));
--> statement-breakpoint
CREATE POLICY invoices_own ON invoices FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator());
--> statement-breakpoint
CREATE POLICY invoices_own_insert ON invoices FOR INSERT TO sejf_app WITH CHECK (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND created_by = sejf_user() AND EXISTS (SELECT 1 FROM statements s WHERE s.id = statement_id AND s.published_at IS NOT NULL));
--> statement-breakpoint
CREATE POLICY invoices_own_update ON invoices FOR UPDATE TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator()) WITH CHECK (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator());
--> statement-breakpoint
DROP POLICY documents_select ON documents;
--> statement-breakpoint
CREATE POLICY documents_select ON documents FOR SELECT TO sejf_app USING (agency_id = sejf_agency() AND (sejf_is_staff() OR (collaborator_id = sejf_collaborator() AND (status = 'available' OR origin = 'collaborator'))));
--> statement-breakpoint
CREATE POLICY documents_own_insert ON documents FOR INSERT TO sejf_app WITH CHECK (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND origin = 'collaborator' AND uploaded_by = sejf_user());
--> statement-breakpoint
CREATE POLICY documents_own_update ON documents FOR UPDATE TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND origin = 'collaborator' AND uploaded_by = sejf_user()) WITH CHECK (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND origin = 'collaborator' AND uploaded_by = sejf_user());
--> statement-breakpoint
CREATE POLICY document_files_own_insert ON document_files FOR INSERT TO sejf_app WITH CHECK (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND EXISTS (SELECT 1 FROM documents d WHERE d.id = document_id AND d.origin = 'collaborator' AND d.uploaded_by = sejf_user()));
--> statement-breakpoint
CREATE POLICY document_files_own_update ON document_files FOR UPDATE TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND EXISTS (SELECT 1 FROM documents d WHERE d.id = document_id AND d.origin = 'collaborator' AND d.uploaded_by = sejf_user())) WITH CHECK (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator());
