/* recipients.c — a recipient of the gazette: its fields, their names and
 * labels, and the checks every field must pass before anything is written.
 * The CSV form is recipcsv.c, the SQLite store regstore.c. */
#include "recipients.h"
#include "util.h"

#include "diag.h"

#include <stdlib.h>
#include <string.h>

const char *const gb_recipient_categories[] = {
	"国家图书馆缴送", "档案馆", "公共图书馆", "政务服务大厅", "查阅点", "乡镇政府",
	"街道办事处", "社区居委会", "村委会", "外地市", "上级机关", "其他", NULL
};

static const struct {
	const char *name;	/* CSV column */
	const char *label;	/* what an editor calls it */
	int max_chars;		/* longest sensible value; 0: checked otherwise */
	gboolean required;
} fields[GB_RF_COUNT] = {
	[GB_RF_ID] = { "id", "编号", 0, TRUE },
	[GB_RF_NAME] = { "name", "名称", 60, TRUE },
	[GB_RF_CATEGORY] = { "category", "类别", 0, TRUE },
	[GB_RF_POSTAL_CODE] = { "postal_code", "邮政编码", 0, TRUE },
	[GB_RF_DISTRICT] = { "district", "区县", 30, TRUE },
	[GB_RF_ADDRESS] = { "address", "地址", 100, TRUE },
	/* a reading point may have no named person: the label then shows the
	 * recipient's name alone */
	[GB_RF_CONTACT] = { "contact", "联系人", 30, FALSE },
	[GB_RF_PHONE] = { "phone", "电话", 0, TRUE },
	[GB_RF_COPIES] = { "copies", "份数", 0, TRUE },
	[GB_RF_ELECTRONIC] = { "electronic", "电子版", 0, TRUE },
};

/* Copies above this are a typing slip, not a mailing. */
#define MAX_COPIES 9999

int
gb_recipient_category_rank(const char *category)
{
	for (int i = 0; gb_recipient_categories[i]; i++)
		if (category && strcmp(category, gb_recipient_categories[i]) == 0)
			return i;
	return -1;
}

const char *
gb_recipient_field_name(gb_recipient_field f)
{
	return fields[f].name;
}

const char *
gb_recipient_field_label(gb_recipient_field f)
{
	return fields[f].label;
}

gb_recipient *
gb_recipient_new(void)
{
	gb_recipient *r = g_new0(gb_recipient, 1);
	for (int f = 0; f < GB_RF_COUNT; f++)
		r->field[f] = g_strdup("");
	r->active = TRUE;
	return r;
}

gb_recipient *
gb_recipient_copy(const gb_recipient *r)
{
	gb_recipient *c = g_new0(gb_recipient, 1);
	*c = *r;
	for (int f = 0; f < GB_RF_COUNT; f++)
		c->field[f] = g_strdup(r->field[f]);
	c->change = g_strdup(r->change);
	c->valid_from = g_strdup(r->valid_from);
	c->valid_to = g_strdup(r->valid_to);
	return c;
}

void
gb_recipient_free(gb_recipient *r)
{
	if (!r)
		return;
	for (int f = 0; f < GB_RF_COUNT; f++)
		g_free(r->field[f]);
	g_free(r->change);
	g_free(r->valid_from);
	g_free(r->valid_to);
	g_free(r);
}

void
gb_recipient_set(gb_recipient *r, gb_recipient_field f, const char *value)
{
	g_free(r->field[f]);
	r->field[f] = g_strstrip(g_strdup(value ? value : ""));
}

gboolean
gb_recipient_same(const gb_recipient *a, const gb_recipient *b)
{
	for (int f = 0; f < GB_RF_COUNT; f++)
		if (strcmp(a->field[f], b->field[f]) != 0)
			return FALSE;
	return a->active == b->active;
}

/* --- checks ------------------------------------------------------------- */

static gboolean
all_digits(const char *s, gsize min, gsize max)
{
	gsize n = strlen(s);
	if (n < min || n > max)
		return FALSE;
	for (gsize i = 0; i < n; i++)
		if (!g_ascii_isdigit(s[i]))
			return FALSE;
	return TRUE;
}

static gboolean
valid_id(const char *s)
{
	gsize n = strlen(s);
	/* the id names a directory in deposit/: nothing a path could misread */
	if (n == 0 || n > 32 || s[0] == '-' || s[0] == '.')
		return FALSE;
	for (gsize i = 0; i < n; i++)
		if (!g_ascii_isalnum(s[i]) && s[i] != '-' && s[i] != '_')
			return FALSE;
	return TRUE;
}

/* A landline with its area code (0571-87654321, 057187654321, 010-12345678,
 * an extension -123 allowed) or an 11-digit mobile number starting 1. */
static gboolean
plausible_phone(const char *s)
{
	if (s[0] == '1')
		return s[1] >= '3' && s[1] <= '9' && all_digits(s, 11, 11);
	if (s[0] != '0')
		return FALSE;
	char **parts = g_strsplit(s, "-", 0);
	guint n = g_strv_length(parts);
	gboolean ok = FALSE;
	if (n == 1) {
		ok = all_digits(parts[0], 10, 12);
	} else if (n == 2 || n == 3) {
		ok = all_digits(parts[0], 3, 4) && all_digits(parts[1], 7, 8)
		    && (n == 2 || all_digits(parts[2], 1, 6));
	}
	g_strfreev(parts);
	return ok;
}

static char *
category_list(void)
{
	GString *s = g_string_new(NULL);
	for (int i = 0; gb_recipient_categories[i]; i++)
		g_string_append_printf(s, "%s%s", i ? "、" : "", gb_recipient_categories[i]);
	return g_string_free(s, FALSE);
}

/* Appends the fault ID (a DIAG_ name), worded from the arguments. */
#define fault(errors, ID, ...) g_ptr_array_add((errors), diag_text(ID, ##__VA_ARGS__))

/* The text faults every field can have; TRUE when the text is usable. */
static gboolean
check_text(gb_recipient_field f, const char *v, GPtrArray *errors)
{
	const char *label = fields[f].label;
	if (!g_utf8_validate(v, -1, NULL)) {
		fault(errors, DIAG_RECIPIENT_BAD_UTF8, label);
		return FALSE;
	}
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f) {
			fault(errors, DIAG_RECIPIENT_CONTROL_CHAR, label);
			return FALSE;
		}
	if (!*v) {
		if (fields[f].required) {
			fault(errors, DIAG_RECIPIENT_EMPTY, label);
			return FALSE;
		}
		return TRUE;
	}
	if (fields[f].max_chars && g_utf8_strlen(v, -1) > fields[f].max_chars) {
		fault(errors, DIAG_RECIPIENT_TOO_LONG, label, v, fields[f].max_chars);
		return FALSE;
	}
	return TRUE;
}

gboolean
gb_recipient_check(gb_recipient *r, GPtrArray *errors)
{
	guint before = errors->len;
	for (int f = 0; f < GB_RF_COUNT; f++) {
		const char *v = r->field[f];
		if (!check_text(f, v, errors) || !*v)
			continue;
		switch (f) {
		case GB_RF_ID:
			if (!valid_id(v))
				fault(errors, DIAG_RECIPIENT_BAD_ID, v);
			break;
		case GB_RF_CATEGORY:
			if (gb_recipient_category_rank(v) < 0) {
				char *list = category_list();
				fault(errors, DIAG_RECIPIENT_BAD_CATEGORY, v, list);
				g_free(list);
			}
			break;
		case GB_RF_POSTAL_CODE:
			if (!all_digits(v, 6, 6))
				fault(errors, DIAG_RECIPIENT_BAD_POSTAL_CODE, v);
			break;
		case GB_RF_PHONE:
			if (!plausible_phone(v))
				fault(errors, DIAG_RECIPIENT_BAD_PHONE, v);
			break;
		case GB_RF_COPIES:
			if (!all_digits(v, 1, 4)) {
				fault(errors, DIAG_RECIPIENT_BAD_COPIES, v, MAX_COPIES);
			} else {
				/* "007" is 7: the registry keeps one spelling of a number */
				gint64 copies = 0;
				gb_parse_int(v, 0, 9999, &copies);	/* four digits, checked above */
				r->copies = (int)copies;
				g_free(r->field[f]);
				r->field[f] = g_strdup_printf("%d", r->copies);
			}
			break;
		case GB_RF_ELECTRONIC:
			if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
				fault(errors, DIAG_RECIPIENT_BAD_ELECTRONIC, v);
			else
				r->electronic = strcmp(v, "yes") == 0;
			break;
		default:
			break;
		}
	}
	return errors->len == before;
}
