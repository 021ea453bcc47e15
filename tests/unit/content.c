/* content.c — the content-stream lexer (lib/content.c) that the tagged
 * edition's finishing and its check share: each token whole, strings with
 * their parentheses and escapes, an inline image taken as one token. */
#include "content.h"
#include "structure.h"
#include "t.h"

/* The tokens of S as "kind:text" joined by spaces. */
static char *
tokens(const char *s)
{
	static const char kinds[] = "EONnsdDaAio";
	GString *out = g_string_new(NULL);
	gsize pos = 0, len = strlen(s);
	for (;;) {
		gb_tok t = content_next((const guchar *)s, len, &pos);
		if (t.kind == GB_TOK_END)
			break;
		g_string_append_printf(out, "%s%c:%.*s", out->len ? " " : "", kinds[t.kind],
		    (int)(t.end - t.start), s + t.start);
	}
	return g_string_free(out, FALSE);
}

TEST(test_a_marked_content_mark_is_a_name_a_dictionary_and_an_operator)
{
	char *t = tokens("/P <</MCID 3>> BDC EMC");
	CHECK_STR(t, "N:/P d:<< N:/MCID n:3 D:>> O:BDC O:EMC");
	g_free(t);
}

TEST(test_a_string_keeps_its_nested_parentheses_and_escapes)
{
	char *t = tokens("(a(b)\\) BDC) Tj <00ff>Tj");
	CHECK_STR(t, "s:(a(b)\\) BDC) O:Tj s:<00ff> O:Tj");
	g_free(t);
}

TEST(test_comments_and_white_space_are_skipped)
{
	char *t = tokens("  %BDC here\n[1 (x)] TJ\r\n");
	CHECK_STR(t, "a:[ n:1 s:(x) A:] O:TJ");
	g_free(t);
}

TEST(test_an_inline_image_is_one_token_whatever_its_data_holds)
{
	const char *s = "BI /W 1 /H 1 ID \x01 Tj EMC\x02 EI Q";
	gsize pos = 0, len = strlen(s);
	gb_tok t = content_next((const guchar *)s, len, &pos);
	CHECK_INT(t.kind, GB_TOK_INLINE_IMAGE);
	t = content_next((const guchar *)s, len, &pos);
	CHECK(content_is_op((const guchar *)s, &t, "Q"));
}

TEST(test_the_text_showing_operators_are_tj_tj_quote_and_double_quote)
{
	const char *s = "Tj TJ ' \" Td";
	gsize pos = 0, len = strlen(s);
	int shows = 0;
	for (int i = 0; i < 5; i++) {
		gb_tok t = content_next((const guchar *)s, len, &pos);
		shows += content_shows_text((const guchar *)s, &t);
	}
	CHECK_INT(shows, 4);
}

TEST(test_every_byte_reads_back_from_its_literal_string)
{
	/* every byte value, the ones that need escaping among them, and an
	 * unbalanced parenthesis */
	guchar all[260];
	for (int i = 0; i < 256; i++)
		all[i] = (guchar)i;
	memcpy(all + 256, ")\r\n(", 4);
	GString *lit = g_string_new(NULL);
	content_append_literal(lit, all, sizeof all);
	g_string_append(lit, " Tj");
	gsize pos = 0;
	gb_tok t = content_next((const guchar *)lit->str, lit->len, &pos);
	CHECK_INT(t.kind, GB_TOK_STRING);
	CHECK_INT(t.end, lit->len - 3);	/* the whole string, one token */
	CHECK(!memchr(lit->str, '\r', lit->len) && !memchr(lit->str, '\n', lit->len));
	GString *back = g_string_new(NULL);
	content_string_bytes((const guchar *)lit->str, &t, back);
	CHECK_INT(back->len, sizeof all);
	CHECK(back->len == sizeof all && memcmp(back->str, all, sizeof all) == 0);
	g_string_free(back, TRUE);
	g_string_free(lit, TRUE);
}

TEST(test_only_the_strings_text_operators_show_become_literal)
{
	const char *s = "/P <</MCID 0>> BDC /Span <</ActualText <feff0041>>> BDC "
	    "<00280029>Tj [<0001>-125<0a0d>500(x)]TJ <0102> 3 Td EMC";
	/* the bytes as they are, ( ) \\ escaped, CR and LF as \\r and \\n */
	static const char want[] = "/P <</MCID 0>> BDC /Span <</ActualText <feff0041>>> BDC "
	    "(\0\\(\0\\))Tj [(\0\1)-125(\\n\\r)500(x)]TJ <0102> 3 Td EMC";
	GString *out = content_literal_text((const guchar *)s, strlen(s));
	CHECK_INT(out->len, sizeof want - 1);
	CHECK(out->len == sizeof want - 1 && memcmp(out->str, want, out->len) == 0);
	g_string_free(out, TRUE);
}

TEST(test_standard_types_are_pdf_1_7s_only)
{
	CHECK(content_standard_type("Sect"));
	CHECK(content_standard_type("LBody"));
	CHECK(content_standard_type("Reference"));
	CHECK(!content_standard_type("Title"));
	CHECK(!content_standard_type("Artifact"));
	CHECK(!content_standard_type("Para"));
}

TEST(test_a_pieces_cairo_tag_is_never_link_nor_artifact)
{
	CHECK_STR(structure_piece_tag("Link", FALSE), "Span");
	CHECK_STR(structure_piece_tag("Title", FALSE), "H1");
	CHECK_STR(structure_piece_tag("P", TRUE), "NonStruct");
	CHECK_STR(structure_piece_tag("TD", FALSE), "TD");
}

int
main(void)
{
	RUN(test_a_marked_content_mark_is_a_name_a_dictionary_and_an_operator);
	RUN(test_a_string_keeps_its_nested_parentheses_and_escapes);
	RUN(test_comments_and_white_space_are_skipped);
	RUN(test_an_inline_image_is_one_token_whatever_its_data_holds);
	RUN(test_the_text_showing_operators_are_tj_tj_quote_and_double_quote);
	RUN(test_every_byte_reads_back_from_its_literal_string);
	RUN(test_only_the_strings_text_operators_show_become_literal);
	RUN(test_standard_types_are_pdf_1_7s_only);
	RUN(test_a_pieces_cairo_tag_is_never_link_nor_artifact);
	return 0;
}
