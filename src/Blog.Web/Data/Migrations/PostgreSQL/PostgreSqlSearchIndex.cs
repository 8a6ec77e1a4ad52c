using Microsoft.EntityFrameworkCore.Migrations;

namespace Blog.Web.Data.Migrations.PostgreSQL;

/// <summary>
/// PostgreSQL's counterpart of SQLite's FTS5 <c>PostSearch</c> table (see the SQLite Discovery migration): one row per
/// post with its title, tag names and body text, kept in step by triggers whatever code changes posts or tags, and a
/// generated <c>tsvector</c> column (title weighted A, tags B, body C) under a GIN index. Words are folded like
/// FTS5's unicode61 tokenizer with remove_diacritics: lower case, accents removed (the unaccent extension, trusted
/// since PostgreSQL 13), no stemming ('simple'). Not an EF entity, as on SQLite.
/// NB: a later migration that drops Posts, Tags or PostTags must recreate these triggers.
/// </summary>
internal static class PostgreSqlSearchIndex
{
    public static void Create(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");

        // unaccent() is only STABLE (its dictionary could change), and a generated column needs an IMMUTABLE
        // function: the usual wrapper, with the dictionary named so it never depends on the search path.
        migrationBuilder.Sql("""
            CREATE FUNCTION "BlogSearchText"(value text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            RETURN unaccent('unaccent'::regdictionary, value);
            """);

        migrationBuilder.Sql("""
            CREATE TABLE "PostSearch" (
                "PostId" integer PRIMARY KEY REFERENCES "Posts" ("Id") ON DELETE CASCADE,
                "Title" text NOT NULL DEFAULT '',
                "Tags" text NOT NULL DEFAULT '',
                "Body" text NOT NULL DEFAULT '',
                "Document" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple'::regconfig, "BlogSearchText"("Title")), 'A') ||
                    setweight(to_tsvector('simple'::regconfig, "BlogSearchText"("Tags")), 'B') ||
                    setweight(to_tsvector('simple'::regconfig, "BlogSearchText"("Body")), 'C')) STORED
            );
            """);
        migrationBuilder.Sql("""CREATE INDEX "IX_PostSearch_Document" ON "PostSearch" USING GIN ("Document");""");

        migrationBuilder.Sql("""
            CREATE FUNCTION "PostSearch_TagNames"(post integer) RETURNS text
            LANGUAGE sql STABLE
            RETURN coalesce((SELECT string_agg(t."Name", ' ') FROM "PostTags" pt JOIN "Tags" t ON t."Id" = pt."TagsId" WHERE pt."PostsId" = post), '');
            """);

        migrationBuilder.Sql("""
            CREATE FUNCTION "PostSearch_PostSaved"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO "PostSearch" ("PostId", "Title", "Tags", "Body")
                VALUES (NEW."Id", NEW."Title", "PostSearch_TagNames"(NEW."Id"), NEW."BodyText")
                ON CONFLICT ("PostId") DO UPDATE SET "Title" = excluded."Title", "Body" = excluded."Body";
                RETURN NULL;
            END $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "PostSearch_PostSaved" AFTER INSERT OR UPDATE OF "Title", "BodyText" ON "Posts"
            FOR EACH ROW EXECUTE FUNCTION "PostSearch_PostSaved"();
            """);

        migrationBuilder.Sql("""
            CREATE FUNCTION "PostSearch_TagsChanged"() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_TABLE_NAME = 'Tags' THEN
                    UPDATE "PostSearch" SET "Tags" = "PostSearch_TagNames"("PostId")
                    WHERE "PostId" IN (SELECT "PostsId" FROM "PostTags" WHERE "TagsId" = NEW."Id");
                ELSIF TG_OP = 'DELETE' THEN
                    UPDATE "PostSearch" SET "Tags" = "PostSearch_TagNames"(OLD."PostsId") WHERE "PostId" = OLD."PostsId";
                ELSE
                    UPDATE "PostSearch" SET "Tags" = "PostSearch_TagNames"(NEW."PostsId") WHERE "PostId" = NEW."PostsId";
                END IF;
                RETURN NULL;
            END $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "PostSearch_TagAddedOrRemoved" AFTER INSERT OR DELETE ON "PostTags"
            FOR EACH ROW EXECUTE FUNCTION "PostSearch_TagsChanged"();
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "PostSearch_TagRenamed" AFTER UPDATE OF "Name" ON "Tags"
            FOR EACH ROW EXECUTE FUNCTION "PostSearch_TagsChanged"();
            """);

        migrationBuilder.Sql("""
            INSERT INTO "PostSearch" ("PostId", "Title", "Tags", "Body")
            SELECT p."Id", p."Title", "PostSearch_TagNames"(p."Id"), p."BodyText" FROM "Posts" p;
            """);
    }

    public static void Drop(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "PostSearch_TagRenamed" ON "Tags";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "PostSearch_TagAddedOrRemoved" ON "PostTags";""");
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "PostSearch_PostSaved" ON "Posts";""");
        migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "PostSearch_TagsChanged"();""");
        migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "PostSearch_PostSaved"();""");
        migrationBuilder.Sql("""DROP TABLE IF EXISTS "PostSearch";""");
        migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "PostSearch_TagNames"(integer);""");
        migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "BlogSearchText"(text);""");
    }
}
