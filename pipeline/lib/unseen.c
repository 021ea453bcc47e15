/* unseen.c — characters nobody can see: the kinds SPEC §3 refuses at parse
 * and the 【U+XXXX】 form in which every message shows an invisible
 * character (the parse errors, the typesetter's "no font"). */
#include "unseen.h"

gboolean
unseen_is_private(gunichar cp)
{
	return (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0x10FFFF);
}

gboolean
unseen_is_format(gunichar cp)
{
	return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF;
}

gb_unseen
unseen_kind(gunichar cp)
{
	if (unseen_is_private(cp))
		return GB_UNSEEN_PRIVATE;
	if (cp == 0xFFFD)
		return GB_UNSEEN_REPLACEMENT;
	if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || (cp >= 0x7F && cp <= 0x9F))
		return GB_UNSEEN_CONTROL;
	if (unseen_is_format(cp))
		return GB_UNSEEN_FORMAT;
	return GB_UNSEEN_NONE;
}

const char *
unseen_format_name(gunichar cp)
{
	switch (cp) {
	case 0x200B: return "零宽空格";
	case 0x200C: return "零宽不连字";
	case 0x200D: return "零宽连字";
	case 0x200E: return "从左至右标记";
	case 0x200F: return "从右至左标记";
	case 0x2060: return "零宽不换行符";
	case 0x2061: return "不可见函数符";
	case 0x2062: return "不可见乘号";
	case 0x2063: return "不可见分隔符";
	case 0x2064: return "不可见加号";
	case 0xFEFF: return "零宽不换行空格（BOM）";
	default: return "";
	}
}

/* A character a reader of a message would not see, or not tell apart. */
static gboolean
invisible(gunichar cp)
{
	if (unseen_kind(cp) != GB_UNSEEN_NONE || cp == '\t' || cp == '\n' || cp == '\r')
		return TRUE;
	if ((cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF))
		return TRUE;	/* variation selectors */
	switch (g_unichar_type(cp)) {
	case G_UNICODE_CONTROL:
	case G_UNICODE_FORMAT:
	case G_UNICODE_UNASSIGNED:
	case G_UNICODE_PRIVATE_USE:
	case G_UNICODE_SURROGATE:
	case G_UNICODE_LINE_SEPARATOR:
	case G_UNICODE_PARAGRAPH_SEPARATOR:
		return TRUE;
	case G_UNICODE_SPACE_SEPARATOR:
		return cp != ' ' && cp != 0x3000;
	default:
		return FALSE;
	}
}

void
unseen_append(GString *s, gunichar cp)
{
	if (invisible(cp))
		g_string_append_printf(s, "【U+%04X】", (unsigned)cp);
	else
		g_string_append_unichar(s, cp);
}
