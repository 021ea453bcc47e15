/* docmeta.c — the front-matter vocabulary of a gazette document, and the
 * typed view of its values: which key fills which field.  The parser
 * checks documents against fm_keys; the tree fills the view. */
#include "docmeta.h"

#include <stddef.h>
#include <string.h>

const struct fm_key fm_keys[] = {
	{ "section", "栏目", TRUE },
	{ "title", "标题", TRUE },
	{ "issuer", "发文机关", TRUE },
	{ "date", "成文日期", TRUE },
	{ "disclosure", "公开属性", TRUE },
	{ "review", "三级审核", TRUE },
	{ "number", "发文字号", FALSE },
	{ "kind", "文种", FALSE },
	{ "to", "主送机关", FALSE },
	{ "cc", "抄送", FALSE },
	{ "secrecy", "密级", FALSE },
	{ "validity", "有效性", FALSE },
	{ "interprets", "所解读文件", FALSE },
	{ "corrects", "勘误对象", FALSE },
	{ "signature", "落款", FALSE },
};

/* Where each key's value goes: the keys of fm_keys, then the derived. */
static const struct {
	const char *key;
	size_t offset;
} fields[] = {
	{ "section", offsetof(gb_docmeta, section) },
	{ "title", offsetof(gb_docmeta, title) },
	{ "issuer", offsetof(gb_docmeta, issuer) },
	{ "date", offsetof(gb_docmeta, date) },
	{ "disclosure", offsetof(gb_docmeta, disclosure) },
	{ "review", offsetof(gb_docmeta, review) },
	{ "number", offsetof(gb_docmeta, number) },
	{ "kind", offsetof(gb_docmeta, kind) },
	{ "to", offsetof(gb_docmeta, to) },
	{ "cc", offsetof(gb_docmeta, cc) },
	{ "secrecy", offsetof(gb_docmeta, secrecy) },
	{ "validity", offsetof(gb_docmeta, validity) },
	{ "interprets", offsetof(gb_docmeta, interprets) },
	{ "corrects", offsetof(gb_docmeta, corrects) },
	{ "signature", offsetof(gb_docmeta, signature) },
	{ "date-text", offsetof(gb_docmeta, date_text) },
	{ "identifier", offsetof(gb_docmeta, identifier) },
	{ "interprets-id", offsetof(gb_docmeta, interprets_id) },
	{ "interprets-title", offsetof(gb_docmeta, interprets_title) },
	{ "interprets-identifier", offsetof(gb_docmeta, interprets_identifier) },
	{ "interprets-where", offsetof(gb_docmeta, interprets_where) },
	{ "interprets-uri", offsetof(gb_docmeta, interprets_uri) },
	{ "corrects-identifier", offsetof(gb_docmeta, corrects_identifier) },
	{ "corrects-folio", offsetof(gb_docmeta, corrects_folio) },
};

void
docmeta_init(gb_docmeta *fm, int line)
{
	memset(fm, 0, sizeof *fm);
	for (gsize i = 0; i < G_N_ELEMENTS(fields); i++)
		((gb_fm_value *)((char *)fm + fields[i].offset))->line = line;
}

void
docmeta_clear(gb_docmeta *fm)
{
	if (fm->interpreted_by)
		g_ptr_array_unref(fm->interpreted_by);
	fm->interpreted_by = NULL;
}

void
docmeta_set(gb_docmeta *fm, const char *key, const char *value, int line)
{
	if (strcmp(key, "interpreted-by") == 0) {
		if (!fm->interpreted_by)
			fm->interpreted_by = g_ptr_array_new();
		g_ptr_array_add(fm->interpreted_by, (gpointer)value);
		return;
	}
	for (gsize i = 0; i < G_N_ELEMENTS(fields); i++) {
		if (strcmp(fields[i].key, key) != 0)
			continue;
		gb_fm_value *v = (gb_fm_value *)((char *)fm + fields[i].offset);
		if (!v->value) {
			v->value = value;
			v->line = line;
		}
		return;
	}
}

gboolean
docmeta_signs_off(const gb_docmeta *fm)
{
	return !fm->signature.value || strcmp(fm->signature.value, "none") != 0;
}

char *
docmeta_identifier(int year, int number, const char *doc_id)
{
	if (!doc_id || doc_id[0] != 'd' || doc_id[1] < '1' || doc_id[1] > '9')
		return NULL;
	for (const char *c = doc_id + 1; *c; c++)
		if (*c < '0' || *c > '9' || c - doc_id > 9)
			return NULL;
	return g_strdup_printf("%d-%d-%s", year, number, doc_id + 1);
}
