/* Unit tests of pipeline/lib/unseen.c: the edges of every kind of
 * character SPEC §3 refuses, and the 【U+XXXX】 form of messages. */
#include "t.h"
#include "unseen.h"

TEST(test_private_use_edges)
{
	CHECK(unseen_kind(0xDFFF) != GB_UNSEEN_PRIVATE);
	CHECK(unseen_kind(0xE000) == GB_UNSEEN_PRIVATE);
	CHECK(unseen_kind(0xF8FF) == GB_UNSEEN_PRIVATE);
	CHECK(unseen_kind(0xF900) == GB_UNSEEN_NONE);	/* 豈, a compatibility ideograph */
	CHECK(unseen_kind(0xEFFFF) == GB_UNSEEN_NONE);
	CHECK(unseen_kind(0xF0000) == GB_UNSEEN_PRIVATE);
	CHECK(unseen_kind(0x10FFFD) == GB_UNSEEN_PRIVATE);
	CHECK(unseen_is_private(0xE010) && !unseen_is_private(0x4E00));
}

TEST(test_replacement_char_and_its_neighbours)
{
	CHECK(unseen_kind(0xFFFD) == GB_UNSEEN_REPLACEMENT);
	CHECK(unseen_kind(0xFFFC) == GB_UNSEEN_NONE);
}

TEST(test_controls_but_tab_lf_cr)
{
	CHECK(unseen_kind(0x00) == GB_UNSEEN_CONTROL);
	CHECK(unseen_kind(0x1F) == GB_UNSEEN_CONTROL);
	CHECK(unseen_kind('\t') == GB_UNSEEN_NONE);
	CHECK(unseen_kind('\n') == GB_UNSEEN_NONE);
	CHECK(unseen_kind('\r') == GB_UNSEEN_NONE);
	CHECK(unseen_kind(' ') == GB_UNSEEN_NONE);
	CHECK(unseen_kind('~') == GB_UNSEEN_NONE);
	CHECK(unseen_kind(0x7F) == GB_UNSEEN_CONTROL);
	CHECK(unseen_kind(0x80) == GB_UNSEEN_CONTROL);
	CHECK(unseen_kind(0x9F) == GB_UNSEEN_CONTROL);
	CHECK(unseen_kind(0xA0) == GB_UNSEEN_NONE);
}

TEST(test_invisible_format_chars)
{
	CHECK(unseen_kind(0x200A) == GB_UNSEEN_NONE);	/* hair space: a space */
	for (gunichar cp = 0x200B; cp <= 0x200F; cp++)
		CHECK(unseen_kind(cp) == GB_UNSEEN_FORMAT && *unseen_format_name(cp));
	CHECK(unseen_kind(0x2010) == GB_UNSEEN_NONE);
	CHECK(unseen_kind(0x205F) == GB_UNSEEN_NONE);
	for (gunichar cp = 0x2060; cp <= 0x2064; cp++)
		CHECK(unseen_kind(cp) == GB_UNSEEN_FORMAT && *unseen_format_name(cp));
	CHECK(unseen_kind(0x2065) == GB_UNSEEN_NONE);
	CHECK(unseen_kind(0xFEFF) == GB_UNSEEN_FORMAT);
	CHECK(*unseen_format_name(0x4E00) == '\0');
}

/* S as unseen_append shows it, character by character. */
static char *
shown(const char *s)
{
	GString *out = g_string_new(NULL);
	for (const char *p = s; *p; p = g_utf8_next_char(p))
		unseen_append(out, g_utf8_get_char(p));
	return g_string_free(out, FALSE);
}

TEST(test_unseen_chars_are_shown_as_code_points)
{
	char *s = shown("高程103\xee\x80\x90" "5米");
	CHECK_STR(s, "高程103【U+E010】5米");
	g_free(s);
	s = shown("a\xe2\x80\x8b" "b\t\xc2\xa0" "c\xef\xb8\x8f");
	CHECK_STR(s, "a【U+200B】b【U+0009】【U+00A0】c【U+FE0F】");
	g_free(s);
	s = shown("第一条　为了 ok《法》，𰻞");
	CHECK_STR(s, "第一条　为了 ok《法》，𰻞");
	g_free(s);
}

int
main(void)
{
	RUN(test_private_use_edges);
	RUN(test_replacement_char_and_its_neighbours);
	RUN(test_controls_but_tab_lf_cr);
	RUN(test_invisible_format_chars);
	RUN(test_unseen_chars_are_shown_as_code_points);
	return 0;
}
