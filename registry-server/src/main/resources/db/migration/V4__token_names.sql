-- A token acts as 'token:<name>': who created a token, who holds a lease and the audit log all go by
-- that name, so two tokens must never share one, not even after the first was revoked.
alter table api_token add constraint uk_api_token_name unique (name);
