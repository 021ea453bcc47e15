/* Unit tests of pipeline/pdfpost.c: print content is rewritten to gray
 * and any real colour is refused; the editions' date never comes from the
 * clock. */
#include "pdfpost.h"
#include "t.h"

#include <stdlib.h>

/* The gray rewrite of IN, or NULL when it is refused. */
static char *
gray(const char *in)
{
	GString *out = g_string_new(NULL);
	GError *err = NULL;
	if (!pdfpost_content_to_gray((const guchar *)in, strlen(in), out, &err)) {
		g_error_free(err);
		g_string_free(out, TRUE);
		return NULL;
	}
	return g_string_free(out, FALSE);
}

static void
check_gray(const char *in, const char *want)
{
	char *got = gray(in);
	CHECK_STR(got, want);
	g_free(got);
}

TEST(test_equal_rgb_fill_becomes_gray)
{
	check_gray("q\n0 0 0 rg /a0 gs\nBT ET\n", "q\n0 g /a0 gs\nBT ET\n");
	check_gray("0.5 0.5 0.5 rg", "0.5 g");
}

TEST(test_equal_rgb_stroke_becomes_gray)
{
	check_gray("0.25 w 1 1 1 RG 0 0 m 1 1 l S", "0.25 w 1 G 0 0 m 1 1 l S");
}

TEST(test_black_cmyk_becomes_gray)
{
	check_gray("0 0 0 1 k", "0 g");
	check_gray("0 0 0 0.25 K", "0.75 G");
}

TEST(test_non_gray_rgb_is_refused)
{
	CHECK(gray("1 0 0 rg") == NULL);
	CHECK(gray("0 0 0.5 RG") == NULL);
	CHECK(gray("0.1 0 0 1 k") == NULL);
}

TEST(test_colour_spaces_and_shadings_are_refused)
{
	CHECK(gray("/Pattern cs /p5 scn") == NULL);
	CHECK(gray("/sh1 sh") == NULL);
	CHECK(gray("BI /W 1 /H 1 ID x EI") == NULL);
}

TEST(test_operators_inside_strings_and_names_are_left_alone)
{
	check_gray("BT (1 0 0 rg \\) 1 0 0 RG) Tj ET /rg gs <0102> Tj",
	    "BT (1 0 0 rg \\) 1 0 0 RG) Tj ET /rg gs <0102> Tj");
	check_gray("% 1 0 0 rg\n0 0 0 rg", "% 1 0 0 rg\n0 g");
}

TEST(test_malformed_colour_is_refused)
{
	CHECK(gray("0 0 rg") == NULL);
	CHECK(gray("/a 0 0 RG") == NULL);
}

TEST(test_issue_date_is_midnight_china_time)
{
	gb_pages *p = pages_new("x", 10, 10, 0);
	pages_set_meta(p, "date", "2026-03-15");
	gb_pdf_date d;
	GError *err = NULL;
	CHECK(pdfpost_date(p, "t", &d, &err));
	CHECK_STR(d.xmp, "2026-03-15T00:00:00+08:00");
	CHECK_STR(d.pdf, "D:20260315000000+08'00'");
	pages_set_meta(p, "date", "2026-02-30");
	CHECK(!pdfpost_date(p, "t", &d, &err));
	CHECK(err && strstr(err->message, "2026-02-30"));
	g_clear_error(&err);
	pages_free(p);
}

TEST(test_without_issue_date_source_date_epoch_is_the_date)
{
	gb_pages *p = pages_new("x", 10, 10, 0);
	gb_pdf_date d;
	g_setenv("SOURCE_DATE_EPOCH", "1700000000", TRUE);
	CHECK(pdfpost_date(p, "t", &d, NULL));
	CHECK_STR(d.xmp, "2023-11-14T22:13:20+00:00");
	g_unsetenv("SOURCE_DATE_EPOCH");
	CHECK(pdfpost_date(p, "t", &d, NULL));
	CHECK_STR(d.xmp, "1970-01-01T00:00:00+00:00");
	pages_free(p);
}

int
main(void)
{
	RUN(test_equal_rgb_fill_becomes_gray);
	RUN(test_equal_rgb_stroke_becomes_gray);
	RUN(test_black_cmyk_becomes_gray);
	RUN(test_non_gray_rgb_is_refused);
	RUN(test_colour_spaces_and_shadings_are_refused);
	RUN(test_operators_inside_strings_and_names_are_left_alone);
	RUN(test_malformed_colour_is_refused);
	RUN(test_issue_date_is_midnight_china_time);
	RUN(test_without_issue_date_source_date_epoch_is_the_date);
	return 0;
}
