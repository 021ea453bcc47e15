/* diag.h — every diagnostic a stage can print, in one table (mandoc's
 * mandoc_msg.c): an id, its severity, and the message an editor reads.
 * Diagnostics are collected, printed sorted by file and line as
 * `FILE:LINE: error|warning: message`, and the exit status follows the
 * worst one. */
#ifndef GONGBAO_DIAG_H
#define GONGBAO_DIAG_H

#include <glib.h>
#include <stdio.h>

/* Severities, mildest first; the exit status follows the worst. */
typedef enum gb_level {
	GB_LEVEL_OK = 0,
	GB_LEVEL_WARNING,	/* built; shown in the check report */
	GB_LEVEL_ERROR,		/* the input is refused: exit 1 */
	GB_LEVEL_SYSTEM		/* usage or system failure: exit 2 */
} gb_level;

/* One id per message of the table in diag.c.  Ordered by stage, then by
 * severity within it.  A stage appends its own block before DIAG__COUNT
 * (and its entries to the table in diag.c). */
typedef enum gb_diag_id {
	/* --- gongbao-parse: system --- */
	DIAG_SYS_NO_ISSUE_DIR,
	DIAG_SYS_READ,
	/* --- gongbao-parse: issue.ini --- */
	DIAG_INI_MISSING,
	DIAG_INI_SYNTAX,
	DIAG_INI_MISSING_GROUP,
	DIAG_INI_MISSING_KEY,
	DIAG_INI_BAD_NUMBER,
	DIAG_INI_BAD_DATE,
	DIAG_INI_EMPTY_SECTION,
	DIAG_INI_DUPLICATE_SECTION,
	DIAG_INI_UNKNOWN_KEY,
	DIAG_INI_YEAR_MISMATCH,
	DIAG_NO_DOCS,
	/* --- gongbao-parse: a document's front matter --- */
	DIAG_DOC_UTF8,
	DIAG_FM_MISSING,
	DIAG_FM_UNTERMINATED,
	DIAG_FM_SYNTAX,
	DIAG_FM_FULLWIDTH_COLON,
	DIAG_FM_DUPLICATE_KEY,
	DIAG_KEY_MISSING,
	DIAG_KEY_EMPTY,
	DIAG_SECTION_UNKNOWN,
	DIAG_DISCLOSURE_REFUSED,
	DIAG_DISCLOSURE_INVALID,
	DIAG_SECRECY,
	DIAG_REVIEW_COUNT,
	DIAG_REVIEW_ENTRY,
	DIAG_REVIEW_ORDER,
	DIAG_REVIEW_AFTER_ISSUE,
	DIAG_NUMBER_BRACKETS,
	DIAG_NUMBER_MALFORMED,
	DIAG_DATE_FORMAT,
	DIAG_DATE_NONEXISTENT,
	DIAG_DATE_AFTER_ISSUE,
	DIAG_INTERPRETS_UNKNOWN,
	DIAG_VALIDITY_INVALID,
	DIAG_SIGNATURE_INVALID,
	/* --- gongbao-parse: warnings --- */
	DIAG_FM_UNKNOWN_KEY,
	DIAG_KIND_UNKNOWN,
	DIAG_NUMBER_DUPLICATE,
	DIAG_HEADING_SEQUENCE,
	DIAG_HALFWIDTH_PUNCT,
	DIAG_UNBALANCED,
	DIAG_SPACE_BETWEEN_CJK,
	DIAG_WORD_WRONG,
	DIAG_WORD_SENSITIVE,
	DIAG_INTERPRETATION_LATE,
	DIAG_TEXT_NUMBER_BRACKETS,
	DIAG_WORDS_FILE,

	/* --- gongbao-check (pipeline/verify.c): a check that fails --- */
	DIAG_CHECK_NO_FILE,
	DIAG_CHECK_PDF_OPEN,
	DIAG_CHECK_PDF_STRUCTURE,
	DIAG_CHECK_PAGE_COUNT_WEB,
	DIAG_CHECK_PAGE_COUNT_PRINT,
	DIAG_CHECK_TEXT_CHANGED,
	DIAG_CHECK_TEXT_UNMAPPED,
	DIAG_CHECK_TEXT_MISSING,
	DIAG_CHECK_TEXT_EXTRA,
	DIAG_CHECK_TEXT_EXTRA_UNMAPPED,
	DIAG_CHECK_PAGE_ORDER,
	DIAG_CHECK_FONT_TYPE3,
	DIAG_CHECK_FONT_NOT_EMBEDDED,
	DIAG_CHECK_FONT_NOT_SUBSET,
	DIAG_CHECK_PAGE_SIZE,
	DIAG_CHECK_TRIMBOX_MISSING,
	DIAG_CHECK_TRIMBOX_WRONG,
	DIAG_CHECK_BLEEDBOX_MISSING,
	DIAG_CHECK_BLEEDBOX_WRONG,
	DIAG_CHECK_LINK_MISSING,
	DIAG_CHECK_LINK_WRONG,
	DIAG_CHECK_LINK_NO_TARGET,
	DIAG_CHECK_LINK_EXTRA,
	DIAG_CHECK_TOC_NO_LINK,
	DIAG_CHECK_TITLE_ABSENT,
	DIAG_CHECK_TOC_NO_TITLE,
	DIAG_CHECK_TOC_FOLIO,
	DIAG_CHECK_BOOKMARK_TITLE,
	DIAG_CHECK_BOOKMARK_LEVEL,
	DIAG_CHECK_BOOKMARK_TARGET,
	DIAG_CHECK_BOOKMARKS_FEWER,
	DIAG_CHECK_BOOKMARKS_MORE,
	DIAG_CHECK_LABEL,
	DIAG_CHECK_INFO_MISSING,
	DIAG_CHECK_INFO_WRONG,
	DIAG_CHECK_XMP_MISSING,
	DIAG_CHECK_XMP_PDFA,
	DIAG_CHECK_XMP_PDFX,
	DIAG_CHECK_XMP_TITLE,
	DIAG_CHECK_NO_ID,
	DIAG_CHECK_PDFX_INTENT_MISSING,
	DIAG_CHECK_PDFX_INTENT_INCOMPLETE,
	DIAG_CHECK_PDFA_INTENT_MISSING,
	DIAG_CHECK_PDFA_INTENT_NOT_RGB,
	DIAG_CHECK_LANG,
	DIAG_CHECK_UNTAGGED,
	DIAG_CHECK_ENCRYPTED,
	DIAG_CHECK_NOT_LINEARIZED,
	DIAG_CHECK_BLANK_NO_CONTENT,
	DIAG_CHECK_BLANK_HAS_TEXT,
	DIAG_CHECK_BLANK_HAS_INK,
	DIAG_CHECK_MORE,
	DIAG_CHECK_DATE_WRONG,
	DIAG_CHECK_XMP_DATE,

	DIAG__COUNT
} gb_diag_id;

/* The table entry of ID: its severity and printf format. */
gb_level diag_level(gb_diag_id id);
const char *diag_format(gb_diag_id id);
/* The short name of ID ("halfwidth-punct"), for tests and --json. */
const char *diag_name(gb_diag_id id);

/* One emitted diagnostic. */
typedef struct gb_diag {
	char *file;
	int line;
	gb_diag_id id;
	gb_level level;
	char *message;
	guint seq;		/* emission order, to keep the sort stable */
} gb_diag;

/* The diagnostics of one run. */
typedef struct gb_diags {
	GPtrArray *list;	/* gb_diag* */
	gb_level worst;
	guint counts[GB_LEVEL_SYSTEM + 1];
} gb_diags;

gb_diags *diags_new(void);
void diags_free(gb_diags *diags);

/* Records diagnostic ID at FILE:LINE, its message formatted from the
 * table's format with the arguments that follow. */
void diag_emit(gb_diags *diags, const char *file, int line, gb_diag_id id, ...);

/* Sorts by file, then line, then emission order. */
void diags_sort(gb_diags *diags);
/* Prints every diagnostic as `FILE:LINE: error|warning: message`. */
void diags_print(gb_diags *diags, FILE *out);
/* "error" or "warning". */
const char *diag_level_name(gb_level level);
/* 0, 1 or 2 from the worst level recorded. */
int diags_exit_status(const gb_diags *diags);

#endif
