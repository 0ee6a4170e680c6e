-- A collaborator's upload that is refused (wrong type, a virus, an invoice that no longer fits its statement) is
-- removed at once, by the collaborator's own request: only their own upload, and only while it is still 'uploading'.
CREATE POLICY documents_own_discard ON documents FOR DELETE TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND origin = 'collaborator' AND uploaded_by = sejf_user() AND status = 'uploading');
--> statement-breakpoint
CREATE POLICY document_files_own_discard ON document_files FOR DELETE TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND EXISTS (SELECT 1 FROM documents d WHERE d.id = document_id AND d.origin = 'collaborator' AND d.uploaded_by = sejf_user() AND d.status = 'uploading'));
