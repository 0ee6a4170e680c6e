-- A collaborator's upload that is refused (wrong type, a virus, an invoice that no longer fits its statement) is
-- removed at once, by the collaborator's own request: only their own upload, and only while it is still 'uploading'.
CREATE POLICY documents_own_discard ON documents FOR DELETE TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND origin = 'collaborator' AND uploaded_by = sejf_user() AND status = 'uploading');
--> statement-breakpoint
CREATE POLICY document_files_own_discard ON document_files FOR DELETE TO sejf_app USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND EXISTS (SELECT 1 FROM documents d WHERE d.id = document_id AND d.origin = 'collaborator' AND d.uploaded_by = sejf_user() AND d.status = 'uploading'));
--> statement-breakpoint
-- And a collaborator changes their own upload only while it is under way (its size, hash and publication): once
-- published it is the settlement's record, neither changed nor turned back into an upload that could be discarded.
ALTER POLICY documents_own_update ON documents USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND origin = 'collaborator' AND uploaded_by = sejf_user() AND status = 'uploading') WITH CHECK (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND origin = 'collaborator' AND uploaded_by = sejf_user() AND status IN ('uploading', 'available'));
--> statement-breakpoint
ALTER POLICY document_files_own_update ON document_files USING (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator() AND EXISTS (SELECT 1 FROM documents d WHERE d.id = document_id AND d.origin = 'collaborator' AND d.uploaded_by = sejf_user() AND d.status = 'uploading')) WITH CHECK (agency_id = sejf_agency() AND collaborator_id = sejf_collaborator());
