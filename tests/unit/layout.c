/* Unit tests of pipeline/layout.c: lengths, the grid, and bad layout files
 * refused with the file, the group and the key. */
#include <glib/gstdio.h>
#include <unistd.h>

#include "fonts.h"
#include "layout.h"
#include "t.h"

static char *
write_layout(const char *text)
{
	char *path = NULL;
	int fd = g_file_open_tmp("layout-XXXXXX.ini", &path, NULL);
	if (fd >= 0) {
		g_assert(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
		close(fd);
	}
	return path;
}

TEST(test_lengths_in_mm_cm_and_points)
{
	double v = 0;
	CHECK(layout_parse_length("25.4mm", &v));
	CHECK_NEAR(v, 72, 0.001);
	CHECK(layout_parse_length("1 cm", &v));
	CHECK_NEAR(v, 28.3465, 0.001);
	CHECK(layout_parse_length("16pt", &v));
	CHECK_NEAR(v, 16, 0.001);
	CHECK(layout_parse_length("10.5", &v));
	CHECK_NEAR(v, 10.5, 0.001);
	CHECK(!layout_parse_length("3 furlongs", &v));
	CHECK(!layout_parse_length("mm", &v));
}

TEST(test_gbt9704_type_area_is_156_by_225_mm)
{
	GError *e = NULL;
	gb_layout *l = layout_load("layouts/gbt9704.ini", &e);
	CHECK(l != NULL);
	if (!l) {
		g_clear_error(&e);
		return;
	}
	CHECK_NEAR(l->body_width, 156 * 72 / 25.4, 0.01);
	CHECK_NEAR(l->body_height, 225 * 72 / 25.4, 0.01);
	CHECK_NEAR(l->margin_top, 37 * 72 / 25.4, 0.01);
	CHECK_NEAR(l->margin_inner, 28 * 72 / 25.4, 0.01);
	CHECK_INT(l->styles[GB_STYLE_BODY].role, GB_ROLE_FANG);
	CHECK_INT(l->styles[GB_STYLE_TITLE].role, GB_ROLE_TITLE);
	CHECK_NEAR(l->styles[GB_STYLE_TITLE].size, 22, 0.001);
	CHECK_INT(l->styles[GB_STYLE_H1].role, GB_ROLE_HEI);
	CHECK_INT(l->styles[GB_STYLE_H2].role, GB_ROLE_KAI);
	CHECK_NEAR(l->styles[GB_STYLE_FOLIO].size, 14, 0.001);
	CHECK_NEAR(l->cjk_latin_space, 0, 0.001);
	CHECK(l->document_new_page);
	/* "1line" is the body's pitch */
	CHECK_NEAR(l->styles[GB_STYLE_SIGNATURE].before, l->styles[GB_STYLE_BODY].pitch, 0.001);
	layout_free(l);
}

TEST(test_unknown_font_role_is_refused_naming_group_and_key)
{
	char *path = write_layout("[body]\nfont=simsun\n");
	GError *e = NULL;
	gb_layout *l = layout_load(path, &e);
	CHECK(l == NULL);
	CHECK(e && strstr(e->message, "[body] font"));
	CHECK(e && strstr(e->message, path));
	layout_free(l);
	g_clear_error(&e);
	g_unlink(path);
	g_free(path);
}

TEST(test_cjk_latin_space_above_a_quarter_em_is_refused)
{
	char *path = write_layout("[grid]\ncjk-latin-space=0.5\n");
	GError *e = NULL;
	gb_layout *l = layout_load(path, &e);
	CHECK(l == NULL);
	CHECK(e && strstr(e->message, "cjk-latin-space"));
	layout_free(l);
	g_clear_error(&e);
	g_unlink(path);
	g_free(path);
}

TEST(test_margins_wider_than_the_page_are_refused)
{
	char *path = write_layout("[page]\nmargin-inner=120mm\nmargin-outer=100mm\n");
	GError *e = NULL;
	gb_layout *l = layout_load(path, &e);
	CHECK(l == NULL);
	layout_free(l);
	g_clear_error(&e);
	g_unlink(path);
	g_free(path);
}

TEST(test_size_without_pitch_keeps_the_body_ratio)
{
	char *path = write_layout("[body]\nsize=10pt\npitch=20pt\n[title]\nsize=20pt\n");
	GError *e = NULL;
	gb_layout *l = layout_load(path, &e);
	CHECK(l != NULL);
	if (l)
		CHECK_NEAR(l->styles[GB_STYLE_TITLE].pitch, 40, 0.001);
	layout_free(l);
	g_clear_error(&e);
	g_unlink(path);
	g_free(path);
}

int
main(void)
{
	RUN(test_lengths_in_mm_cm_and_points);
	RUN(test_gbt9704_type_area_is_156_by_225_mm);
	RUN(test_unknown_font_role_is_refused_naming_group_and_key);
	RUN(test_cjk_latin_space_above_a_quarter_em_is_refused);
	RUN(test_margins_wider_than_the_page_are_refused);
	RUN(test_size_without_pitch_keeps_the_body_ratio);
	return 0;
}
