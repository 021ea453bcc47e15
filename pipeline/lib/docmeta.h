/* docmeta.h — the front matter of a gazette document: the one vocabulary
 * of its keys (what gongbao-parse requires and knows) and a typed view of
 * one document's values, kept by the tree (tree.h) as keys are added, so
 * that the typesetter reads fields, not strings. */
#ifndef GONGBAO_DOCMETA_H
#define GONGBAO_DOCMETA_H

#include <glib.h>

/* A key an editor writes in a document's front matter: its name, what it
 * means (for messages), and whether every document must have it. */
struct fm_key {
	const char *key, *meaning;
	gboolean required;
};

/* The vocabulary, in the order the parser reports missing keys. */
#define GB_FM_KEY_COUNT 15
extern const struct fm_key fm_keys[GB_FM_KEY_COUNT];

/* One value of the front matter: VALUE borrowed from the document's meta
 * (NULL when the key is absent) and LINE, the source line of its key (the
 * document's own line when it is absent; 0 for a key the parser derived). */
typedef struct gb_fm_value {
	const char *value;
	int line;
} gb_fm_value;

/* A document's front matter, a field for each key of fm_keys and for the
 * keys the parser derives (FORMATS.md). */
typedef struct gb_docmeta {
	gb_fm_value section, title, issuer, date, disclosure, review, number, kind, to, cc,
	    secrecy, validity, interprets, corrects, signature;
	gb_fm_value date_text;		/* date-text: the date as printed, 2026年3月15日 */
	gb_fm_value identifier;		/* identifier: the stable identifier, 2026-5-3 */
	gb_fm_value interprets_id;	/* interprets-id: the document interpreted, in this issue */
	gb_fm_value interprets_title;	/* interprets-title: its title */
	gb_fm_value interprets_identifier;	/* interprets-identifier: its stable identifier */
	gb_fm_value interprets_where;	/* interprets-where: 本刊2026年第5期第12页, of an earlier issue */
	gb_fm_value interprets_uri;	/* interprets-uri: its file, relative to this web edition */
	gb_fm_value corrects_identifier;	/* corrects-identifier: the document a 勘误 corrects */
	gb_fm_value corrects_folio;	/* corrects-folio: the corrected page's folio */
	GPtrArray *interpreted_by;	/* interpreted-by: IDs (borrowed) of its 解读, or NULL */
} gb_docmeta;

/* Every value absent, on the document's LINE. */
void docmeta_init(gb_docmeta *fm, int line);
void docmeta_clear(gb_docmeta *fm);
/* Takes KEY = VALUE (borrowed: it must live as long as FM) of source line
 * LINE into FM.  The first of a repeated key counts; a key outside the
 * vocabulary is kept only in the document's meta. */
void docmeta_set(gb_docmeta *fm, const char *key, const char *value, int line);
/* The stable identifier of document DOC_ID (`d3`, the tree's ID, in print
 * order) of issue NUMBER of YEAR: "2026-5-3" (SPEC §5), newly allocated;
 * NULL when DOC_ID is not `d` and a whole number from 1. */
char *docmeta_identifier(int year, int number, const char *doc_id);
/* The document ends with a 落款: it has no `signature: none`. */
gboolean docmeta_signs_off(const gb_docmeta *fm);

#endif
