-- A session's row id is the SHA-256 of the token in the browser's cookie, so a read of this table (a dump, a
-- backup, a stray SELECT) holds nothing that can be replayed as a session. Existing rows are hashed in place:
-- the cookies already handed out still match, so nobody is signed out.
UPDATE "sessions" SET "id" = encode(sha256(convert_to("id", 'UTF8')), 'hex');
