/* source.h — the issue being read by gongbao-parse, shared by the rooms of
 * the parse stage (issue.c the driver and docs/, frontmatter.c, validate.c,
 * interpret.c): what one run knows of the issue and its documents.  Not
 * used outside pipeline/parse/. */
#ifndef GONGBAO_SOURCE_H
#define GONGBAO_SOURCE_H

#include <glib.h>

#include "chars.h"
#include "archread.h"
#include "date.h"
#include "holidays.h"
#include "diag.h"
#include "issueini.h"
#include "proof.h"
#include "tree.h"

/* A document as read from docs/, before it has its place in the issue. */
typedef struct source_doc {
	char *name;		/* NAME.md */
	char *file;		/* DIR/docs/NAME.md, for messages and the tree */
	int fm_line;		/* the opening --- */
	GPtrArray *fm;		/* gb_meta*: the front matter as written */
	gb_document *doc;	/* its blocks (no ID yet) */
	int section;		/* index in the order, -1 if unknown */
	gboolean date_ok;
	gb_date date;
	char *corrects_identifier;	/* the 勘误's document as the archive knows it */
	int corrects_folio;		/* … and the corrected page's folio */
} source_doc;

/* A document of an earlier issue, found in the archive by its number. */
typedef struct known_doc {
	char *title;
	gboolean date_ok;
	gb_date date;
	char *identifier;	/* 2026-5-8 */
	char *where;		/* 本刊2026年第5期第12页 */
	char *uri;		/* its file relative to this issue's web edition */
} known_doc;

typedef struct run {
	const char *dir;
	gb_diags *diags;
	gb_issueini *ini;	/* NULL if issue.ini could not be read */
	const GPtrArray *sections;	/* char*: [sections] order (empty without ini) */
	const gb_date *issue_date;	/* NULL unless the issue's date is valid */
	const char *issue_date_str;	/* … as written */
	GPtrArray *docs;	/* source_doc* */
	GHashTable *earlier;	/* number → known_doc*, found in the archive */
	const char *db_path;	/* the office database (the archive) */
	gb_archread *archive;	/* opened on demand (archive_of) */
	gboolean archive_tried;
	gb_holidays *holidays;	/* the holiday arrangement, NULL if none */
	GHashTable *years_warned;	/* years the calendar lacks, said once */
	gb_words *words;
	gb_proof *proof;
	gb_chars *chars;	/* the characters' checks (chars.c) */
	char *key_file;		/* [gazette] signing-key as opened (signing.c), or NULL */
	char *signer;		/* … its certificate's signer, when it opened */
	gboolean signer_test;	/* … a self-signed (test) certificate */
} run;

/* --- issue.c: the documents of an issue directory --------------------- */

/* The *.md file names in DOCS_DIR, sorted; NULL if it cannot be opened. */
GPtrArray *list_markdown(const char *docs_dir);

/* --- signing.c: the signing key issue.ini names --------------------- */

/* Opens the key of [gazette] signing-key= (a path relative to the issue
 * directory) and checks it for the issue's date, so that the editor hears
 * of a wrong key or passphrase now, not at the end of the build; sets
 * R->key_file, R->signer and R->signer_test.  Nothing without the key. */
void signing_check_key(run *r);

/* --- frontmatter.c: the front matter and its vocabulary --------------- */

/* The front matter of TEXT into FM (gb_meta*); returns the offset where
 * the body starts and sets *BODY_LINE to the number of lines before it, or
 * returns -1 when there is no front matter.  With DIAGS, every line that is
 * not `key: value` is reported; without, what reads is kept quietly (the
 * documents of earlier issues). */
gssize front_matter_read(const char *file, const char *text, gsize len, GPtrArray *fm,
    int *body_line, gb_diags *diags);
/* The first entry of KEY in S's front matter, or NULL. */
const gb_meta *fm_entry(const source_doc *s, const char *key);
const char *fm_value(const source_doc *s, const char *key);
/* Reports keys that are unknown or twice, and required keys missing or
 * empty. */
void front_matter_check_keys(run *r, const source_doc *s);

/* --- validate.c: the rules of each value ------------------------------- */

/* The pattern of a 发文字号 with any brackets, for validate_document. */
GRegex *number_regex(void);
/* Checks S's front matter against SPEC §3, reporting every problem; sets
 * S->section and S->date. */
void validate_document(run *r, source_doc *s, GRegex *number_re);

/* --- interpret.c: interpretations and the documents they name ---------- */

/* Every `interprets` names a known document and is on time; no number is
 * used twice in the issue. */
void check_interpretations(run *r);
/* Every `corrects` names an issue, a page and a document the archive
 * knows; sets S->corrects_identifier and S->corrects_folio. */
void check_corrections(run *r);
/* The derived meta of interpretations and what they interpret
 * (interprets-id, interprets-identifier, interprets-title, interprets-where,
 * interprets-uri, interpreted-by) and of corrections (corrects-identifier,
 * corrects-folio), once every document has its ID. */
void link_interpretations(run *r);

#endif
