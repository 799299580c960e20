-- Standard Webhooks secrets of a URL group (JSON array, current first); NULL: the group does not sign that way.
ALTER TABLE url_groups ADD COLUMN webhook_secrets TEXT;
